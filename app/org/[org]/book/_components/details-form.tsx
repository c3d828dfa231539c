"use client";

import { SubmitButton } from "@/components/ui/form-actions";
import { Field, TextAreaField } from "@/components/ui/form-field";
import { formValues } from "@/components/ui/form-values";

export type PatientDetails = { firstName: string; lastName: string; dateOfBirth: string; email: string; phone?: string };

/** The patient's details for a booking or the waiting list; the browser checks the required ones first. */
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
        const { text, texts } = formValues(e.currentTarget);
        onSubmit({ ...texts(["firstName", "lastName", "dateOfBirth", "email"]), phone: text("phone") || undefined }, text("reason"));
      }}
    >
      <Field name="firstName" label="First name" required autoComplete="given-name" errors={fieldErrors.firstName} />
      <Field name="lastName" label="Last name" required autoComplete="family-name" errors={fieldErrors.lastName} />
      <Field name="dateOfBirth" label="Date of birth" type="date" required autoComplete="bday" errors={fieldErrors.dateOfBirth} />
      <Field name="email" label="E-mail" type="email" required autoComplete="email" errors={fieldErrors.email} />
      <Field name="phone" label="Phone" type="tel" autoComplete="tel" errors={fieldErrors.phone} />
      <TextAreaField name="reason" label="Reason for the visit" maxLength={500} className="sm:col-span-2" />
      <div className="sm:col-span-2">
        <SubmitButton
          pending={pending}
          pendingLabel="Booking…"
          className="rounded-md bg-[var(--brand-primary)] px-5 py-2.5 font-medium text-white shadow-sm hover:opacity-90 disabled:opacity-60"
        >
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
