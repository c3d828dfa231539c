import "server-only";
import type { Caller } from "./authenticate";
import type { ActionFailure } from "./action-result";
import type { RequestFacts } from "./request";
import { describeFailure } from "./respond";

/** A server action's failure in the one result shape (security events and logs as for routes). */
export async function actionFailure(err: unknown, facts: RequestFacts, caller: Caller | null): Promise<ActionFailure> {
  const error = await describeFailure(err, facts, caller, "action");
  const fieldErrors = error.fieldErrors ?? {};
  const count = Object.keys(fieldErrors).length;
  const formError =
    error.code === "validation" && count > 0
      ? count === 1
        ? "Please correct the highlighted field."
        : `Please correct the ${count} highlighted fields.`
      : error.message;
  return { ok: false, code: error.code, formError, fieldErrors, ...(error.details ? { details: error.details } : {}) };
}
