import "server-only";
import { actionStatus, observed } from "./observe";
import type { z } from "zod";
import { ForbiddenError } from "@/lib/errors/app-error";
import type { ActionResult } from "./action-result";
import { actionFailure } from "./action-failure";
import { authenticate, type Caller } from "./authenticate";
import { actionInputOf, parseInput } from "./parse";
import { rateLimit } from "./rate-limit";
import { readRequest } from "./request";

export type Operator = { userId: string };

/**
 * The operator console's server actions (root domain, no tenant): authenticate (a signed-in
 * platform operator, checked on every call) → rate limit → parse → handler → a result. The handler
 * works through the platform wrapper; tenants' data is not its to read.
 */
export function operatorAction<S extends z.ZodType, T>(
  options: { name: string; schema: S },
  handler: (input: z.infer<S>, operator: Operator) => Promise<T>,
) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<T>> => {
    const facts = await readRequest();
    return observed(
      facts,
      { channel: "action", method: "POST", route: `action:${options.name}` },
      async (): Promise<ActionResult<T>> => {
        let caller: Caller | null = null;
        try {
          caller = await authenticate(facts, { operator: true });
          if (caller.kind !== "operator" || !caller.userId) {
            throw new ForbiddenError(
              "Only AgentCare platform operators can do this. Sign in again as an operator.",
              "forbidden:operator_only",
            );
          }
          await rateLimit({ orgId: null, route: `action:${options.name}`, caller, ip: facts.ip });
          const parsed = parseInput(options.schema, actionInputOf(input), "form");
          return { ok: true, data: await handler(parsed, { userId: caller.userId }) };
        } catch (err) {
          return actionFailure(err, facts, caller);
        }
      },
      actionStatus,
    );
  };
}
