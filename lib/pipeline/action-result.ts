// Client-safe: what every server action answers. Never a thrown error across the wire (Next
// hides those in production); a failure carries the catalogue code and every field error.
import type { ErrorDetails, FieldErrors } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/catalogue";

export type ActionSuccess<T> = { ok: true; data: T };
export type ActionFailure = { ok: false; code: ErrorCode; formError: string; fieldErrors: FieldErrors; details?: ErrorDetails };
export type ActionResult<T> = ActionSuccess<T> | ActionFailure;
