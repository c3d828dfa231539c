// Errors a user can cause carry a code (`not_found:patient`, `conflict:appointment_overlap`) and a
// message that is safe to show. Anything else is ours: logged with the request id, shown generically.
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fieldErrors?: FieldErrors;

  constructor(code: string, message: string, status: number, fieldErrors?: FieldErrors) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fieldErrors?: FieldErrors, code = "validation") {
    super(code, message, 400, fieldErrors);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Please sign in to continue.") {
    super("unauthenticated", message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have access to this.", code = "forbidden") {
    super(code, message, 403);
  }
}

/** Another tenant's id answers exactly like an id that does not exist. */
export class NotFoundError extends AppError {
  readonly resource: string;
  constructor(resource: string, message?: string) {
    super(`not_found:${resource}`, message ?? `That ${resource.replace(/_/g, " ")} was not found.`, 404);
    this.resource = resource;
  }
}

export class ConflictError extends AppError {
  readonly conflict: string;
  constructor(conflict: string, message: string) {
    super(`conflict:${conflict}`, message, 409);
    this.conflict = conflict;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
