"use client";

export type FieldErrors = Record<string, string[]>;

/** The REST API's JSON error (`{error:{code,message,fieldErrors?}}`) as something a screen can show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldErrors;

  constructor(status: number, code: string, message: string, fieldErrors: FieldErrors = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * One JSON call to the public REST API, for pages outside the staff screens (sign-up, invitation
 * acceptance); staff and admin screens use server actions instead.
 */
export async function apiRequest<T>(url: string, method: Method, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "Could not reach the server. Check the connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; fieldErrors?: FieldErrors } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? "Something went wrong. Please try again.",
      error?.fieldErrors ?? {},
    );
  }
  return json as T;
}

/**
 * Form state from a failed mutation: every field error beside its input, and one message on top.
 * `conflictFields` puts a 409 (duplicate MRN, e-mail, licence…) beside the field it is about.
 */
export function formErrorsFrom(err: unknown, conflictFields: Record<string, string> = {}): { formError: string; fieldErrors: FieldErrors } {
  if (!(err instanceof ApiError)) return { formError: "Something went wrong. Please try again.", fieldErrors: {} };
  if (err.status === 409) {
    const conflict = err.code.replace(/^conflict:/, "");
    const field = conflictFields[conflict];
    return { formError: err.message, fieldErrors: field ? { [field]: [err.message] } : {} };
  }
  const count = Object.keys(err.fieldErrors).length;
  if (err.status === 400 && count > 0) {
    return {
      formError: count === 1 ? "Please correct the highlighted field." : `Please correct the ${count} highlighted fields.`,
      fieldErrors: err.fieldErrors,
    };
  }
  return { formError: err.message, fieldErrors: err.fieldErrors };
}
