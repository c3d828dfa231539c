import "server-only";
import { actionStatus, observed } from "./observe";
import type { z } from "zod";
import type { Organization } from "@/lib/db/schema";
import type { Permission } from "@/lib/tenancy/permissions";
import type { MemberContext } from "@/lib/tenancy/service-context";
import type { ActionResult } from "./action-result";
import { actionFailure } from "./action-failure";
import { actorOf, authenticate, requireCaller, type Caller } from "./authenticate";
import { actionInputOf, parseInput } from "./parse";
import { rateLimit } from "./rate-limit";
import { auditRequestOf, readRequest, type RequestFacts } from "./request";
import { assertServes, resolveTenant } from "./resolve-tenant";
import { runAsMember } from "./run-in-tenant";

export type TenantActionOptions<S> = {
  /** Names the action in rate limits and logs, e.g. "patients.create". */
  name: string;
  schema: S;
  /** null: any member of the organization. */
  permission: Permission | null;
  limitPerMinute?: number;
  /** The two-factor enrolment page's own actions, open before the member has enrolled. */
  beforeMfaEnrolment?: boolean;
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
    return observed(
      facts,
      { channel: "action", method: "POST", route: `action:${options.name}` },
      async (): Promise<ActionResult<T>> => {
        const who: Who = { caller: null };
        try {
          const { organization, runAsThisMember } = await enterAsMember(facts, who, options);
          const data = await runAsThisMember(
            () => parseInput(options.schema, actionInputOf(input), "form"),
            (ctx, parsed) => handler(parsed, { ...ctx, organization }),
          );
          return { ok: true, data };
        } catch (err) {
          return actionFailure(err, facts, who.caller);
        }
      },
      actionStatus,
    );
  };
}

/** Who called, kept for the failure path (a refusal's security event names the user). */
export type Who = { caller: Caller | null };

/**
 * The staff actions' common entry: resolve tenant (the page's host or /org/{slug} path) →
 * authenticate (session) → the organization policy → rate limit; then a runner for the member's
 * tenant transaction (authorize → parse → work → audit).
 */
export async function enterAsMember(
  facts: RequestFacts,
  who: Who,
  options: { name: string; permission: Permission | null; limitPerMinute?: number; beforeMfaEnrolment?: boolean },
) {
  who.caller = await authenticate(facts);
  const organization = await resolveTenant(facts);
  const member = requireCaller(who.caller);
  assertServes(organization, "members");
  await rateLimit({ orgId: organization.id, route: `action:${options.name}`, caller: member, ip: facts.ip, limit: options.limitPerMinute });
  const runAsThisMember = <I, T>(input: () => I, work: (ctx: MemberContext, input: I) => Promise<T>) =>
    runAsMember(
      {
        orgId: organization.id,
        actor: actorOf(member),
        permission: options.permission,
        request: auditRequestOf(facts),
        input,
        authorizeOptions: { beforeMfaEnrolment: options.beforeMfaEnrolment },
      },
      work,
    );
  return { organization, runAsThisMember };
}
