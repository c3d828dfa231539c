import "server-only";
import type { z } from "zod";
import type { Organization } from "@/lib/db/schema";
import type { Permission } from "@/lib/tenancy/permissions";
import { adminScopeOf, type AdminScope } from "@/lib/tenancy/service-context";
import type { ActionResult } from "./action-result";
import { actionFailure } from "./action-failure";
import { actorOf, authenticate, requireCaller, type Caller } from "./authenticate";
import { actionInputOf, parseInput } from "./parse";
import { rateLimit } from "./rate-limit";
import { auditRequestOf, readRequest } from "./request";
import { assertServes, resolveTenant } from "./resolve-tenant";
import { runAsMember } from "./run-in-tenant";

/**
 * Server actions of the admin console whose work calls out of the database (DNS for domain
 * verification): resolve tenant → authenticate → rate limit → in a short tenant transaction:
 * authorize → parse; then the administration service runs with an `AdminScope` and opens its own
 * transactions around, never across, the slow call.
 */
export function tenantAdminAction<S extends z.ZodType, T>(
  options: { name: string; schema: S; permission: Permission; limitPerMinute?: number },
  handler: (input: z.infer<S>, scope: AdminScope & { organization: Organization }) => Promise<T>,
) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<T>> => {
    const facts = await readRequest();
    let caller: Caller | null = null;
    try {
      caller = await authenticate(facts);
      const organization = await resolveTenant(facts);
      const member = requireCaller(caller);
      assertServes(organization, "members");
      rateLimit({ orgId: organization.id, route: `action:${options.name}`, caller, ip: facts.ip, limit: options.limitPerMinute });
      const { scope, parsed } = await runAsMember(
        {
          orgId: organization.id,
          actor: actorOf(member),
          permission: options.permission,
          request: auditRequestOf(facts),
          input: () => parseInput(options.schema, actionInputOf(input), "form"),
        },
        async (ctx, parsed) => ({ scope: { ...adminScopeOf(ctx), tx: undefined }, parsed }),
      );
      return { ok: true, data: await handler(parsed, { ...scope, organization }) };
    } catch (err) {
      return actionFailure(err, facts, caller);
    }
  };
}
