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

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { formError, fieldErrors } = issuesToErrors(result.error);
  const first = Object.entries(fieldErrors)[0];
  throw new ValidationError(formError ?? (first ? `${first[0]}: ${first[1][0]}` : `The ${what} is not valid.`), fieldErrors);
}
