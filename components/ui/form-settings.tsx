"use client";

import { SettingsFormAlert } from "@/components/settings/plan-limit";
import { SaveBar, type SaveBarProps } from "./form-actions";
import { formValues, type FormMutation, type FormValues } from "./form-values";
import { Panel } from "./panel";

/**
 * A settings form: its alert (a plan limit with the way to upgrade, otherwise the failure and any
 * error no field shows), its fields, and the save bar. With a title it is a panel of its own.
 */
export function SettingsSection({
  title,
  description,
  mutation,
  shownFields,
  onSubmit,
  save,
  children,
}: {
  title?: string;
  description?: React.ReactNode;
  mutation: FormMutation;
  /** The fields with an input here: errors for any other are listed in the alert. */
  shownFields: readonly string[];
  onSubmit: (values: FormValues) => void;
  save: Omit<SaveBarProps, "pending">;
  children: React.ReactNode;
}) {
  const form = (
    <form
      noValidate
      className="flex flex-col gap-6"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(formValues(e.currentTarget));
      }}
    >
      <SettingsFormAlert errors={mutation.errors} error={mutation.error} shownFields={shownFields} />
      {children}
      <SaveBar pending={mutation.isPending} {...save} />
    </form>
  );
  if (!title) return form;
  return (
    <Panel title={title} description={description}>
      {form}
    </Panel>
  );
}
