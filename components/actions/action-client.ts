// Client-safe: calling server actions from screens. An action answers { ok, data } or
// { ok: false, code, formError, fieldErrors }; screens want a value or a thrown error.
import type { ErrorDetails, FieldErrors } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/catalogue";
import type { ActionFailure, ActionResult } from "@/lib/pipeline/action-result";

export class ActionError extends Error {
  readonly code: ErrorCode | "network";
  readonly fieldErrors: FieldErrors;
  readonly details?: ErrorDetails;

  constructor(failure: Pick<ActionFailure, "formError" | "fieldErrors" | "details"> & { code: ActionFailure["code"] | "network" }) {
    super(failure.formError);
    this.name = "ActionError";
    this.code = failure.code;
    this.fieldErrors = failure.fieldErrors;
    this.details = failure.details;
  }

  get notFound(): boolean {
    return this.code.startsWith("not_found:");
  }
}

/** Runs an action and returns its data, or throws an ActionError (also when the network fails). */
export async function unwrap<T>(call: Promise<ActionResult<T>>): Promise<T> {
  let result: ActionResult<T>;
  try {
    result = await call;
  } catch {
    throw new ActionError({
      code: "network",
      formError: "Could not reach the server. Check the connection and try again.",
      fieldErrors: {},
    });
  }
  if (!result.ok) throw new ActionError(result);
  return result.data;
}

export type FormErrors = { formError?: string; fieldErrors: FieldErrors };

/**
 * Form state from a failed action: every field error beside its input, one message on top.
 * `conflictFields` puts a conflict (duplicate MRN, e-mail, licence…) beside the field it is about.
 */
export function formErrorsFrom(err: unknown, conflictFields: Record<string, string> = {}): FormErrors {
  if (!(err instanceof ActionError)) return { formError: "Something went wrong. Please try again.", fieldErrors: {} };
  if (err.code.startsWith("conflict:")) {
    const field = conflictFields[err.code.slice("conflict:".length)];
    return { formError: err.message, fieldErrors: field ? { [field]: [err.message] } : {} };
  }
  return { formError: err.message, fieldErrors: err.fieldErrors };
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ActionError && err.notFound;
}
