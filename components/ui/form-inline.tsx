"use client";

import { SettingsFormAlert } from "@/components/settings/plan-limit";
import { SubmitButton } from "./form-actions";
import { primaryButton } from "./form-field";
import { formValues, showLocalErrors, type FormMutation, type FormValues } from "./form-values";

/**
 * A one-row create form: its alert, then its fields and the submit button side by side (stacked on
 * small screens). An empty `required` field is refused with its message before anything is sent.
 */
export function CreateInline({
  mutation,
  shownFields,
  required = {},
  columns,
  submitLabel,
  pendingLabel,
  onSubmit,
  children,
}: {
  mutation: FormMutation;
  /** The fields with an input here: errors for any other are listed in the alert. */
  shownFields: readonly string[];
  /** Field name → what to say when it is left empty. */
  required?: Record<string, string>;
  /** The row's grid columns from the small breakpoint on, the button's last (e.g. "sm:grid-cols-[minmax(0,1fr)_auto]"). */
  columns: string;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: FormValues) => void;
  children: React.ReactNode;
}) {
  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const values = formValues(e.currentTarget);
        const missing = Object.entries(required).filter(([name]) => !values.text(name));
        if (missing.length) {
          showLocalErrors(mutation, Object.fromEntries(missing.map(([name, message]) => [name, [message]])));
          return;
        }
        onSubmit(values);
      }}
    >
      <SettingsFormAlert errors={mutation.errors} error={mutation.error} shownFields={shownFields} />
      <div className={`grid gap-3 sm:items-start ${columns}`}>
        {children}
        <SubmitButton pending={mutation.isPending} pendingLabel={pendingLabel} className={`${primaryButton} sm:mt-6`}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
