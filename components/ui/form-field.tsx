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

/** What a framed control spreads on itself: the id its label points at, and its ARIA state. */
export type ControlProps = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

type FrameProps = {
  label: React.ReactNode;
  /** Adds "(optional)" to the label. */
  optional?: boolean;
  /** The word for "optional" in the page's language. */
  optionalText?: string;
  hint?: React.ReactNode;
  errors?: string[];
  className?: string;
  /** The control's id, when the caller builds more ids from it (default: a fresh one). */
  id?: string;
  /** Marks the control invalid without errors of its own (default: it has errors). */
  invalid?: boolean;
  /** More ids that describe the control, read between the hint and the errors. */
  describedBy?: (string | false | undefined)[];
  /** Shown under the hint, above the errors. */
  below?: React.ReactNode;
  /** "stacked": the label above the control; "inline": a checkbox before its label. */
  layout?: "stacked" | "inline";
  children: (control: ControlProps) => React.ReactNode;
};

/**
 * One field's label, hint and errors around its control. The control gets its id and
 * `aria-describedby` (hint, then errors) from the render function, so every field type reads the same.
 */
export function FieldFrame({
  label,
  optional = false,
  optionalText = "optional",
  hint,
  errors,
  className = "",
  id: givenId,
  invalid,
  describedBy: more = [],
  below,
  layout = "stacked",
  children,
}: FrameProps) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const hasErrors = Boolean(errors?.length);
  const control = children({
    id,
    "aria-invalid": (invalid ?? hasErrors) || undefined,
    "aria-describedby": describedBy(hint ? `${id}-hint` : undefined, ...more, hasErrors && `${id}-error`),
  });
  const caption = (
    <label htmlFor={id} className="text-sm font-medium text-slate-700">
      {label}
      {optional && <span className="font-normal text-slate-500"> ({optionalText})</span>}
    </label>
  );
  const notes = (
    <>
      {hint && (
        <span id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </span>
      )}
      {below}
      <FieldError id={`${id}-error`} errors={errors} />
    </>
  );
  if (layout === "inline") {
    return (
      <div className={`flex items-start gap-2 ${className}`}>
        {control}
        <div className="flex flex-col">
          {caption}
          {notes}
        </div>
      </div>
    );
  }
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      {caption}
      {control}
      {notes}
    </div>
  );
}

type FieldProps = Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "id" | "className" | "defaultValue" | "onChange" | "aria-invalid" | "aria-describedby"
> & {
  label: string;
  defaultValue?: string | number | null;
  /** For a controlled input (with `value`): called with the new text. */
  onChange?: (value: string) => void;
  errors?: string[];
  hint?: React.ReactNode;
  /** The wrapper's classes (grid spans, widths). */
  className?: string;
  /** The input's own classes (default: full width). */
  inputClassName?: string;
  /** More ids that describe the input (a form-level message). */
  describedBy?: (string | false | undefined)[];
  /** The word for "optional" in the page's language. */
  optionalText?: string;
};

/** A labelled input with its hint and every error beside it (aria-describedby); "(optional)" unless required. */
export function Field({
  label,
  type = "text",
  defaultValue,
  errors,
  required = false,
  hint,
  className,
  inputClassName = inputClass,
  describedBy: more,
  onChange,
  optionalText,
  ...rest
}: FieldProps) {
  return (
    <FieldFrame
      label={label}
      optional={!required}
      optionalText={optionalText}
      hint={hint}
      errors={errors}
      className={className}
      describedBy={more}
    >
      {(control) => (
        <input
          {...control}
          type={type}
          defaultValue={defaultValue ?? undefined}
          required={required}
          onChange={onChange && ((e) => onChange(e.target.value))}
          className={inputClassName}
          {...rest}
        />
      )}
    </FieldFrame>
  );
}

/** A whole-number input (required unless told otherwise). */
export function NumberField({ required = true, ...props }: Omit<FieldProps, "type" | "inputMode">) {
  return <Field type="number" inputMode="numeric" required={required} {...props} />;
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
  className,
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
  return (
    <FieldFrame label={label} optional={!required} hint={hint} errors={errors} className={className}>
      {(control) => (
        <select {...control} name={name} defaultValue={defaultValue} disabled={disabled} className={inputClass}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** An optional multi-line text. */
export function TextAreaField({
  name,
  label,
  defaultValue,
  errors,
  maxLength,
  rows = 2,
  className,
  optionalText,
}: {
  name: string;
  label: string;
  defaultValue?: string | number | null;
  errors?: string[];
  maxLength?: number;
  rows?: number;
  className?: string;
  optionalText?: string;
}) {
  return (
    <FieldFrame label={label} optional optionalText={optionalText} errors={errors} className={className}>
      {(control) => (
        <textarea
          {...control}
          name={name}
          rows={rows}
          maxLength={maxLength}
          defaultValue={defaultValue ?? undefined}
          className={inputClass}
        />
      )}
    </FieldFrame>
  );
}

/** A checkbox before its label and hint; uncontrolled (`defaultChecked`) or controlled (`checked`, `onCheckedChange`). */
export function CheckboxField({
  name,
  label,
  defaultChecked,
  checked,
  onCheckedChange,
  hint,
  errors,
}: {
  name?: string;
  label: string;
  defaultChecked?: boolean;
  checked?: boolean;
  onCheckedChange?: (checked: boolean) => void;
  hint?: string;
  errors?: string[];
}) {
  return (
    <FieldFrame label={label} hint={hint} errors={errors} layout="inline">
      {(control) => (
        <input
          {...control}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          checked={checked}
          onChange={onCheckedChange && ((e) => onCheckedChange(e.target.checked))}
          className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 accent-[var(--brand-primary)]"
        />
      )}
    </FieldFrame>
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
