"use client";

import { useId } from "react";

/** Input styling without a width, for inputs that size themselves. */
export const inputBase =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-[var(--brand-primary)] focus:outline-none focus:ring-1 focus:ring-[var(--brand-primary)] disabled:bg-slate-100 aria-[invalid=true]:border-red-500";
export const inputClass = `w-full ${inputBase}`;
export const primaryButton =
  "inline-flex items-center justify-center rounded-md bg-[var(--brand-primary)] px-4 py-2 text-sm font-medium text-white shadow-sm hover:opacity-90 disabled:opacity-60";
export const secondaryButton =
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60";
export const dangerButton =
  "inline-flex items-center justify-center rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50 disabled:opacity-60";
export const linkButton = "text-sm font-medium text-[var(--brand-primary)] underline-offset-2 hover:underline disabled:opacity-60";

export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <span id={id} className="text-sm text-red-700">
      {errors.join(" ")}
    </span>
  );
}

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string | number | null;
  errors?: string[];
  required?: boolean;
  hint?: string;
  autoComplete?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
  min?: number | string;
  max?: number | string;
  step?: number;
  maxLength?: number;
  placeholder?: string;
  readOnly?: boolean;
  className?: string;
};

/** A labelled input with its hint and every error beside it (aria-describedby). */
export function Field({ name, label, type = "text", defaultValue, errors, required = false, hint, className = "", ...rest }: FieldProps) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
        {!required && <span className="font-normal text-slate-400"> (optional)</span>}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        required={required}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, invalid && `${id}-error`)}
        className={inputClass}
        {...rest}
      />
      {hint && (
        <span id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </span>
      )}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  options,
  defaultValue,
  errors,
  hint,
  required = true,
  disabled,
  className = "",
}: {
  name: string;
  label: string;
  options: readonly (readonly [value: string, label: string])[];
  defaultValue?: string;
  errors?: string[];
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  className?: string;
}) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
        {!required && <span className="font-normal text-slate-400"> (optional)</span>}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, invalid && `${id}-error`)}
        className={inputClass}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {hint && (
        <span id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </span>
      )}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function TextAreaField({
  name,
  label,
  defaultValue,
  errors,
  maxLength,
  rows = 2,
  className = "",
}: {
  name: string;
  label: string;
  defaultValue?: string | null;
  errors?: string[];
  maxLength?: number;
  rows?: number;
  className?: string;
}) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label} <span className="font-normal text-slate-400">(optional)</span>
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={defaultValue ?? undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        className={inputClass}
      />
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  defaultChecked,
  hint,
  errors,
}: {
  name: string;
  label: string;
  defaultChecked?: boolean;
  hint?: string;
  errors?: string[];
}) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, invalid && `${id}-error`)}
        className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 accent-[var(--brand-primary)]"
      />
      <div className="flex flex-col">
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {label}
        </label>
        {hint && (
          <span id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </span>
        )}
        <FieldError id={`${id}-error`} errors={errors} />
      </div>
    </div>
  );
}

/**
 * The form-level message, plus any field errors the form has no input for (so none is ever hidden).
 */
export function FormAlert({
  message,
  fieldErrors = {},
  shownFields = [],
}: {
  message?: string | null;
  fieldErrors?: Record<string, string[]>;
  shownFields?: readonly string[];
}) {
  const extra = Object.entries(fieldErrors).filter(([key]) => !shownFields.includes(key));
  if (!message && extra.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message && <p>{message}</p>}
      {extra.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {extra.map(([key, messages]) => (
            <li key={key}>{messages.join(" ")}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SuccessNote({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="status" className="text-sm text-emerald-700">
      {message}
    </p>
  );
}
