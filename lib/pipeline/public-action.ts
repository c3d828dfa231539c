import "server-only";
import { actionStatus, observed } from "./observe";
import type { z } from "zod";
import type { AuditActor } from "@/lib/audit/repository";
import type { Organization } from "@/lib/db/schema";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import type { ActionResult } from "./action-result";
import { actionFailure } from "./action-failure";
import { actionInputOf, parseInput } from "./parse";
import { rateLimit } from "./rate-limit";
import { auditRequestOf, readRequest } from "./request";
import { assertServes, resolveTenant } from "./resolve-tenant";
import { runAsPublic } from "./run-in-tenant";
import type { SharedRateLimit } from "./platform-action";

/**
 * Server actions of a hospital's public pages: resolve tenant (host or `/org/{slug}` path) →
 * anonymous → rate limit per organization, action (or its REST twin) and address → in one tenant transaction:
 * parse → handler (the patient is the audited actor) → a result.
 */
export function publicAction<S extends z.ZodType, T>(
  options: {
    name: string;
    schema: S;
    limitPerMinute?: number;
    /**
     * Counted against the REST twin's allowance instead (its route template and limit, within the
     * organization, per address), so the page and the endpoint share one.
     */
    rateLimit?: Pick<SharedRateLimit, "route" | "limit" | "message">;
    /** Who the audit trail names as the actor (default: the patient). */
    auditActor?: AuditActor;
  },
  handler: (input: z.infer<S>, ctx: ServiceContext & { organization: Organization }) => Promise<T>,
) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<T>> => {
    const facts = await readRequest();
    return observed(
      facts,
      { channel: "action", method: "POST", route: `action:${options.name}` },
      async (): Promise<ActionResult<T>> => {
        try {
          const organization = assertServes(await resolveTenant(facts), "public");
          await rateLimit({
            orgId: organization.id,
            route: options.rateLimit?.route ?? `action:${options.name}`,
            caller: { kind: "anonymous" },
            ip: facts.ip,
            limit: options.rateLimit?.limit ?? options.limitPerMinute,
            message: options.rateLimit?.message,
          });
          const data = await runAsPublic(
            {
              orgId: organization.id,
              request: auditRequestOf(facts),
              input: () => parseInput(options.schema, actionInputOf(input), "form"),
              actor: options.auditActor,
            },
            (ctx, parsed) => handler(parsed, { ...ctx, organization }),
          );
          return { ok: true, data };
        } catch (err) {
          return actionFailure(err, facts, null);
        }
      },
      actionStatus,
    );
  };
}
