import { ERROR_CATALOGUE, type ConflictKind, type ErrorCode, type NotFoundResource } from "./catalogue";

// Errors a user can cause carry a code from the catalogue (`not_found:patient`,
// `conflict:appointment_overlap`) and a message that is safe to show. Anything else is ours:
// logged with the request id, shown generically.
export type FieldErrors = Record<string, string[]>;

/**
 * What a refusal can carry besides its message, so the caller can decide without asking again:
 * the appointments a time off would cover, the patient's other appointment at that time.
 */
export type ErrorDetails = { appointments: ConflictingAppointment[] };

/** An appointment named in a refusal (only ever one of the caller's own organization). */
export type ConflictingAppointment = {
  id: string;
  patientId: string;
  startsAt: string;
  endsAt: string;
  status: string;
  patientName: string;
  providerName: string;
  appointmentTypeName: string;
};

type CodeWithStatus<S extends number> = {
  [C in ErrorCode]: (typeof ERROR_CATALOGUE)[C]["status"] extends S ? C : never;
}[ErrorCode];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, message?: string, fieldErrors?: FieldErrors) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = new.target.name;
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.fieldErrors = fieldErrors;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fieldErrors?: FieldErrors, code: CodeWithStatus<400> = "validation") {
    super(code, message, fieldErrors);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message?: string) {
    super("unauthenticated", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message?: string, code: CodeWithStatus<403> = "forbidden") {
    super(code, message);
  }
}

/** Another tenant's id answers exactly like an id that does not exist. */
export class NotFoundError extends AppError {
  readonly resource: NotFoundResource;
  constructor(resource: NotFoundResource, message?: string) {
    super(`not_found:${resource}`, message);
    this.resource = resource;
  }
}

export class ConflictError extends AppError {
  readonly conflict: ConflictKind;
  readonly details?: ErrorDetails;
  constructor(conflict: ConflictKind, message: string, details?: ErrorDetails) {
    super(`conflict:${conflict}`, message);
    this.conflict = conflict;
    this.details = details;
  }
}

/** 402: the request is fine; the plan does not pay for it. */
export class PlanLimitError extends AppError {
  constructor(code: CodeWithStatus<402>, message: string) {
    super(code, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(message?: string) {
    super("rate_limited", message);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
