import "server-only";
import { actionStatus, observed } from "./observe";
import type { z } from "zod";
import type { Organization } from "@/lib/db/schema";
import { UnauthenticatedError } from "@/lib/errors/app-error";
import type { ActionResult } from "./action-result";
import { actionFailure } from "./action-failure";
import { authenticate, type Caller, type CredentialKinds } from "./authenticate";
import { actionInputOf, parseInput } from "./parse";
import { rateLimit } from "./rate-limit";
import { readRequest, type RequestFacts } from "./request";
import { assertServes, resolveTenant } from "./resolve-tenant";

/** The limit of a door that also has a REST twin: the twin's route template and its allowance. */
export type SharedRateLimit = {
  route: string;
  limit: number;
  windowMs?: number;
  message?: string;
  /** Callers the twin does not count (the platform operator's token). */
  unless?: (caller: Caller) => boolean;
};

export type PlatformActionOptions<S> = {
  /** Names the action in logs, e.g. "account.password-reset.request". */
  name: string;
  schema: S;
  /**
   * Who may call: "anonymous" never looks at a session (the caller is counted by address),
   * "optional" takes the session when there is one, "user" needs a signed-in account (401 otherwise).
   */
  caller: "anonymous" | "optional" | "user";
  /** Which credentials besides a session count, as for the REST twin (e.g. a platform operator's). */
  credentials?: CredentialKinds;
  /**
   * Resolve the organization the page's address names (host or `/org/{slug}` path, public policy:
   * a suspended organization is refused), as the REST twin's `tenant: true` does; its data is
   * still the services' to open. The rate limit is then counted within that organization.
   */
  tenant?: boolean;
  /**
   * Counted against the REST twin's own allowance (same route template, same caller key, same
   * limit), so switching between the action and the endpoint buys nobody a second allowance.
   */
  rateLimit: SharedRateLimit;
};

export type PlatformActionContext<C extends Caller, O = Organization | null> = { caller: C; facts: RequestFacts; organization: O };

type CallerOf<K> = K extends "user" ? Extract<Caller, { kind: "user" }> : Caller;

/**
 * Server actions of the root domain's own pages (sign-up, the confirmation and password-reset links,
 * the account's sessions) and of the platform's pages on a hospital's address (accepting an
 * invitation), outside any tenant's transaction: request facts → resolve tenant (when asked) → authenticate (as asked)
 * → rate limit (shared with the REST twin) → parse → handler → a result. Whatever data the
 * handler touches goes through the platform or tenant wrappers inside the service it calls.
 */
export function platformAction<S extends z.ZodType, T, const K extends PlatformActionOptions<S>["caller"], const R extends boolean = false>(
  options: PlatformActionOptions<S> & { caller: K; tenant?: R },
  handler: (input: z.infer<S>, ctx: PlatformActionContext<CallerOf<K>, R extends true ? Organization : null>) => Promise<T>,
) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<T>> => {
    const facts = await readRequest();
    return observed(
      facts,
      { channel: "action", method: "POST", route: `action:${options.name}` },
      async (): Promise<ActionResult<T>> => {
        let caller: Caller | null = null;
        try {
          const organization = options.tenant ? assertServes(await resolveTenant(facts), "public") : null;
          caller = options.caller === "anonymous" ? { kind: "anonymous" } : await authenticate(facts, options.credentials);
          if (options.caller === "user" && caller.kind !== "user") throw new UnauthenticatedError();
          if (!options.rateLimit.unless?.(caller)) {
            await rateLimit({
              orgId: organization?.id ?? null,
              route: options.rateLimit.route,
              caller,
              ip: facts.ip,
              limit: options.rateLimit.limit,
              windowMs: options.rateLimit.windowMs,
              message: options.rateLimit.message,
            });
          }
          const parsed = parseInput(options.schema, actionInputOf(input), "form");
          return {
            ok: true,
            data: await handler(parsed, {
              caller: caller as CallerOf<K>,
              facts,
              organization: organization as R extends true ? Organization : null,
            }),
          };
        } catch (err) {
          return actionFailure(err, facts, caller);
        }
      },
      actionStatus,
    );
  };
}
