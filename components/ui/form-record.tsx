"use client";

import type { QueryKey } from "@tanstack/react-query";
import type { FormErrors } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/pipeline/action-result";
import { FormActions } from "./form-actions";
import { FormAlert } from "./form-field";
import { formValues, type FormMutation, type FormValues } from "./form-values";

/** What a page gives a form that creates or edits one record. */
export type RecordFormCallbacks<T> = { onSaved: (record: T) => void; onCancel?: () => void };

/** How a record is saved: its create and update actions, the fields its form shows, where conflicts go. */
export type RecordFormSpec<I, T> = {
  create: (input: I) => Promise<ActionResult<T>>;
  update: (input: I & { id: string }) => Promise<ActionResult<T>>;
  /** The fields with an input on the form: errors for any other are listed in its alert. */
  fields: readonly string[];
  /** Conflict codes, each placed beside the field it is about. */
  conflictFields?: Record<string, string>;
};

/**
 * A record's form state: the mutation that saves it (`update` with the record's id when one is
 * edited, `create` otherwise) and binders that give each input its name, saved value and errors.
 */
export function useRecordForm<I, T>(
  record: (T & { id: string }) | undefined,
  spec: RecordFormSpec<I, T>,
  { invalidate, onSaved }: { invalidate: QueryKey[]; onSaved: (record: T) => void },
) {
  const mutation = useActionMutation((input: I) => (record ? spec.update({ ...input, id: record.id }) : spec.create(input)), {
    invalidate,
    conflictFields: spec.conflictFields,
    onSuccess: onSaved,
  });
  return { mutation, fields: spec.fields, field: bindFields(record, mutation.errors), flag: bindFlags(record, mutation.errors) };
}

export type RecordFormState = { mutation: FormMutation; fields: readonly string[] };

const GRIDS = { 2: "grid gap-4 sm:grid-cols-2", 3: "grid gap-4 sm:grid-cols-3" } as const;

/**
 * A record's form: the alert (with any error no input shows), the inputs on a grid, submit and
 * cancel. The browser's own validation is off: the server's messages sit beside the inputs.
 */
export function RecordForm({
  form: { mutation, fields },
  columns = 2,
  submitLabel,
  onCancel,
  onSubmit,
  children,
}: {
  form: RecordFormState;
  columns?: keyof typeof GRIDS;
  submitLabel: string;
  onCancel?: () => void;
  onSubmit: (values: FormValues) => void;
  children: React.ReactNode;
}) {
  return (
    <form
      noValidate
      className={GRIDS[columns]}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(formValues(e.currentTarget));
      }}
    >
      <div className="col-span-full">
        <FormAlert message={mutation.errors.formError} fieldErrors={mutation.errors.fieldErrors} shownFields={fields} />
      </div>
      {children}
      <FormActions pending={mutation.isPending} label={submitLabel} onCancel={onCancel} className="col-span-full" />
    </form>
  );
}

type ValueKeys<T> = { [K in keyof T]-?: T[K] extends string | number | null | undefined ? K : never }[keyof T] & string;

/** Binds an input to a record's field: its name, the saved value and that field's errors. */
export function bindFields<T>(record: T | undefined, errors: FormErrors) {
  return (name: ValueKeys<T>) => ({
    name,
    defaultValue: record?.[name] as string | number | null | undefined,
    errors: errors.fieldErrors[name],
  });
}

type FlagKeys<T> = { [K in keyof T]-?: T[K] extends boolean ? K : never }[keyof T] & string;

/** Binds a checkbox to a record's flag: its name, the saved state (or `fallback` for a new record) and its errors. */
export function bindFlags<T>(record: T | undefined, errors: FormErrors) {
  return (name: FlagKeys<T>, fallback: boolean) => ({
    name,
    defaultChecked: record ? Boolean(record[name]) : fallback,
    errors: errors.fieldErrors[name],
  });
}
