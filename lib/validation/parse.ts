import type { z } from "zod";
import { ValidationError } from "@/lib/errors/app-error";

/** All field errors, keyed by dotted path ("patient.email"), plus the first form-level message. */
export function issuesToErrors(error: z.ZodError): { formError?: string; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  let formError: string | undefined;
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (!key) {
      formError ??= issue.message;
      continue;
    }
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { formError, fieldErrors };
}

export const NUL_MESSAGE = "Remove the NUL character (\\u0000): it cannot be stored.";

/**
 * Where a value holds a NUL character (in a string or a key), by dotted path: PostgreSQL cannot
 * store one in text, so it is refused here, as the field's error, before any query.
 */
export function nulPaths(value: unknown, path: string[] = [], out: string[] = [], depth = 0): string[] {
  if (out.length >= 20 || depth > 32) return out;
  if (typeof value === "string") {
    if (value.includes("\u0000")) out.push(path.join("."));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulPaths(item, [...path, String(i)], out, depth + 1));
  } else if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) out.push([...path, key.replace(/\u0000/g, "\\u0000")].join("."));
      else nulPaths(item, [...path, key], out, depth + 1);
    }
  }
  return out;
}

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  // A field's own rule speaks first (a name's "single line" message); a NUL the schema let
  // through is refused here, before any query sees it.
  const nul = nulPaths(value);
  if (result.success && !nul.length) return result.data;
  const { formError, fieldErrors } = result.success
    ? { formError: undefined, fieldErrors: {} as Record<string, string[]> }
    : issuesToErrors(result.error);
  let nulFormError: string | undefined;
  for (const path of nul) {
    if (!path) nulFormError ??= `The ${what} holds a NUL character, which cannot be stored.`;
    else fieldErrors[path] ??= [NUL_MESSAGE];
  }
  const first = Object.entries(fieldErrors)[0];
  throw new ValidationError(
    formError ?? nulFormError ?? (first ? `${first[0]}: ${first[1][0]}` : `The ${what} is not valid.`),
    fieldErrors,
  );
}
