import "server-only";
import type { z } from "zod";
import { UnauthenticatedError } from "@/lib/errors/app-error";
import type { ActionResult } from "./action-result";
import { actionFailure } from "./action-failure";
import { authenticate, type Caller } from "./authenticate";
import { actionInputOf, parseInput } from "./parse";
import { rateLimit } from "./rate-limit";
import { readRequest, type RequestFacts } from "./request";

/** The limit of a door that also has a REST twin: the twin's route template and its allowance. */
export type SharedRateLimit = { route: string; limit: number; windowMs?: number; message?: string };

export type PlatformActionOptions<S> = {
  /** Names the action in logs, e.g. "account.password-reset.request". */
  name: string;
  schema: S;
  /**
   * Who may call: "anonymous" never looks at a session (the caller is counted by address),
   * "optional" takes the session when there is one, "user" needs a signed-in account (401 otherwise).
   */
  caller: "anonymous" | "optional" | "user";
  /**
   * Counted against the REST twin's own allowance (same route template, same caller key, same
   * limit), so switching between the action and the endpoint buys nobody a second allowance.
   */
  rateLimit: SharedRateLimit;
};

export type PlatformActionContext<C extends Caller> = { caller: C; facts: RequestFacts };

type CallerOf<K> = K extends "user" ? Extract<Caller, { kind: "user" }> : Caller;

/**
 * Server actions of the root domain's own pages (the confirmation and password-reset links, the
 * account's sessions), outside any tenant's transaction: request facts → authenticate (as asked)
 * → rate limit (shared with the REST twin) → parse → handler → a result. Whatever data the
 * handler touches goes through the platform or tenant wrappers inside the service it calls.
 */
export function platformAction<S extends z.ZodType, T, const K extends PlatformActionOptions<S>["caller"]>(
  options: PlatformActionOptions<S> & { caller: K },
  handler: (input: z.infer<S>, ctx: PlatformActionContext<CallerOf<K>>) => Promise<T>,
) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<T>> => {
    const facts = await readRequest();
    let caller: Caller | null = null;
    try {
      caller = options.caller === "anonymous" ? { kind: "anonymous" } : await authenticate(facts);
      if (options.caller === "user" && caller.kind !== "user") throw new UnauthenticatedError();
      await rateLimit({
        orgId: null,
        route: options.rateLimit.route,
        caller,
        ip: facts.ip,
        limit: options.rateLimit.limit,
        windowMs: options.rateLimit.windowMs,
        message: options.rateLimit.message,
      });
      const parsed = parseInput(options.schema, actionInputOf(input), "form");
      return { ok: true, data: await handler(parsed, { caller: caller as CallerOf<K>, facts }) };
    } catch (err) {
      return actionFailure(err, facts, caller);
    }
  };
}
