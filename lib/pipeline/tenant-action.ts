import "server-only";
import type { z } from "zod";
import type { Organization } from "@/lib/db/schema";
import type { Permission } from "@/lib/tenancy/permissions";
import type { MemberContext } from "@/lib/tenancy/service-context";
import type { ActionResult } from "./action-result";
import { actionFailure } from "./action-failure";
import { actorOf, authenticate, requireCaller, type Caller } from "./authenticate";
import { actionInputOf, parseInput } from "./parse";
import { rateLimit } from "./rate-limit";
import { auditRequestOf, readRequest } from "./request";
import { assertServes, resolveTenant } from "./resolve-tenant";
import { runAsMember } from "./run-in-tenant";

export type TenantActionOptions<S> = {
  /** Names the action in rate limits and logs, e.g. "patients.create". */
  name: string;
  schema: S;
  /** null: any member of the organization. */
  permission: Permission | null;
  limitPerMinute?: number;
};

/**
 * Server actions of the staff and admin screens: resolve tenant (the page's host or `/org/{slug}`
 * path — never the payload) → authenticate (session) → rate limit → in one tenant transaction:
 * authorize → parse (FormData or an object; every field error) → handler → audit → a result.
 */
export function tenantAction<S extends z.ZodType, T>(
  options: TenantActionOptions<S>,
  handler: (input: z.infer<S>, ctx: MemberContext & { organization: Organization }) => Promise<T>,
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
      const data = await runAsMember(
        {
          orgId: organization.id,
          actor: actorOf(member),
          permission: options.permission,
          request: auditRequestOf(facts),
          input: () => parseInput(options.schema, actionInputOf(input), "form"),
        },
        (ctx, parsed) => handler(parsed, { ...ctx, organization }),
      );
      return { ok: true, data };
    } catch (err) {
      return actionFailure(err, facts, caller);
    }
  };
}
