"use client";

import { useId } from "react";

export type PatientDetails = { firstName: string; lastName: string; dateOfBirth: string; email: string; phone?: string };

function Field({
  name,
  label,
  type = "text",
  autoComplete,
  errors,
  required = true,
}: {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  errors?: string[];
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
        {!required && <span className="font-normal text-slate-400"> (optional)</span>}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-500"
      />
      {errors?.length ? (
        <span id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </span>
      ) : null}
    </div>
  );
}

export function DetailsForm({
  pending,
  fieldErrors,
  onSubmit,
  submitLabel = "Book appointment",
}: {
  pending: boolean;
  fieldErrors: Record<string, string[]>;
  onSubmit: (details: PatientDetails, reason: string) => void;
  submitLabel?: string;
}) {
  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const get = (k: string) => String(f.get(k) ?? "").trim();
        onSubmit(
          {
            firstName: get("firstName"),
            lastName: get("lastName"),
            dateOfBirth: get("dateOfBirth"),
            email: get("email"),
            phone: get("phone") || undefined,
          },
          get("reason"),
        );
      }}
    >
      <Field name="firstName" label="First name" autoComplete="given-name" errors={fieldErrors.firstName} />
      <Field name="lastName" label="Last name" autoComplete="family-name" errors={fieldErrors.lastName} />
      <Field name="dateOfBirth" label="Date of birth" type="date" autoComplete="bday" errors={fieldErrors.dateOfBirth} />
      <Field name="email" label="E-mail" type="email" autoComplete="email" errors={fieldErrors.email} />
      <Field name="phone" label="Phone" type="tel" autoComplete="tel" errors={fieldErrors.phone} required={false} />
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor="reason" className="text-sm font-medium text-slate-700">
          Reason for the visit <span className="font-normal text-slate-400">(optional)</span>
        </label>
        <textarea id="reason" name="reason" rows={2} maxLength={500} className="rounded-md border border-slate-300 px-3 py-2" />
      </div>
      <div className="sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-[var(--brand-primary)] px-5 py-2.5 font-medium text-white shadow-sm hover:opacity-90 disabled:opacity-60"
        >
          {pending ? "Booking…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
