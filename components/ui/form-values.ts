import type { FormErrors } from "@/components/actions/action-client";

/** A submitted form's values by field name: trimmed text, checkbox states, numbers. */
export function formValues(form: HTMLFormElement | FormData) {
  const data = form instanceof FormData ? form : new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "").trim();
  return {
    text,
    /** As typed, not trimmed (a password). */
    raw: (name: string) => String(data.get(name) ?? ""),
    /** Several text fields at once, by name. */
    texts: <K extends string>(names: readonly K[]) => Object.fromEntries(names.map((name) => [name, text(name)])) as Record<K, string>,
    checked: (name: string) => data.get(name) === "on",
    /** A number as typed, or `empty` when the field is empty (by default "", which the server's validation explains). */
    number: <E extends number | "" = "">(name: string, empty: E = "" as E): number | E => (text(name) === "" ? empty : Number(text(name))),
    data,
  };
}

export type FormValues = ReturnType<typeof formValues>;

/** The part of a form's mutation (useActionMutation) that shared form components drive. */
export type FormMutation = {
  errors: FormErrors;
  setErrors: (errors: FormErrors) => void;
  error: unknown;
  isPending: boolean;
  reset: () => void;
};

/** Shows errors found before sending: the last server failure goes, these take its place. */
export function showLocalErrors(
  mutation: Pick<FormMutation, "reset" | "setErrors">,
  fieldErrors: Record<string, string[]>,
  formError?: string,
) {
  mutation.reset();
  mutation.setErrors({ formError, fieldErrors });
}
