import "server-only";
import { actionStatus, observed } from "./observe";
import type { z } from "zod";
import type { Organization } from "@/lib/db/schema";
import type { AuditRequest } from "@/lib/audit/repository";
import type { Permission } from "@/lib/tenancy/permissions";
import { adminScopeOf, type AdminScope } from "@/lib/tenancy/service-context";
import type { ActionResult } from "./action-result";
import { actionFailure } from "./action-failure";
import { actionInputOf, parseInput } from "./parse";
import { readRequest } from "./request";
import { enterAsMember, type Who } from "./tenant-action";

/**
 * Server actions of the admin console whose work calls out of the database (DNS for domain
 * verification): resolve tenant → authenticate → rate limit → in a short tenant transaction:
 * authorize → parse; then the administration service runs with an `AdminScope` and opens its own
 * transactions around, never across, the slow call.
 */
export function tenantAdminAction<S extends z.ZodType, T>(
  options: { name: string; schema: S; permission: Permission | null; limitPerMinute?: number; beforeMfaEnrolment?: boolean },
  handler: (input: z.infer<S>, scope: AdminScope & { organization: Organization; request: AuditRequest }) => Promise<T>,
) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<T>> => {
    const facts = await readRequest();
    return observed(
      facts,
      { channel: "action", method: "POST", route: `action:${options.name}` },
      async (): Promise<ActionResult<T>> => {
        const who: Who = { caller: null };
        try {
          const { organization, runAsThisMember } = await enterAsMember(facts, who, options);
          const { scope, parsed } = await runAsThisMember(
            () => parseInput(options.schema, actionInputOf(input), "form"),
            async (ctx, parsed) => ({ scope: { ...adminScopeOf(ctx), tx: undefined, request: ctx.request }, parsed }),
          );
          return { ok: true, data: await handler(parsed, { ...scope, organization }) };
        } catch (err) {
          return actionFailure(err, facts, who.caller);
        }
      },
      actionStatus,
    );
  };
}
