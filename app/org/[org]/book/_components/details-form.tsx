"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { SubmitButton } from "@/components/ui/form-actions";
import { CheckboxField, Field, TextAreaField } from "@/components/ui/form-field";
import { formValues } from "@/components/ui/form-values";

export type PatientDetails = { firstName: string; lastName: string; dateOfBirth: string; email: string; phone?: string };

const LABELLED = new Set(["firstName", "lastName", "dateOfBirth", "email", "phone", "reason", "smsOptIn"] as const);
type LabelledField = typeof LABELLED extends Set<infer F> ? F : never;
const isLabelled = (field: string): field is LabelledField => LABELLED.has(field as LabelledField);

/**
 * The patient's details for a booking or the waiting list; the browser checks the required ones
 * first. The server's objections appear beside their fields, are summed up in an alert above the
 * button, and the first field to fix gets the focus.
 */
export function DetailsForm({
  pending,
  fieldErrors,
  formError,
  onSubmit,
  submitLabel,
  pendingLabel,
  offerSms = false,
  extraLabels = {},
  children,
}: {
  pending: boolean;
  fieldErrors: Record<string, string[]>;
  formError?: string | null;
  onSubmit: (details: PatientDetails, reason: string, choices: { smsOptIn: boolean }, form: HTMLFormElement) => void;
  /** More fields inside the form (the visit's intake questions), before the reason for the visit. */
  children?: React.ReactNode;
  /** Labels of those fields, for the summary of what to fix. */
  extraLabels?: Record<string, string>;
  /** Whether the hospital sends text reminders (the patient may agree to them). */
  offerSms?: boolean;
  submitLabel?: string;
  pendingLabel?: string;
}) {
  const t = useTranslations("Details");
  const form = useRef<HTMLFormElement>(null);
  const problems = Object.entries(fieldErrors).filter(([, messages]) => messages.length);

  useEffect(() => {
    if (!problems.length) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]); // eslint-disable-line react-hooks/exhaustive-deps -- once per answer from the server

  return (
    <form
      ref={form}
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const { text, texts, checked } = formValues(e.currentTarget);
        onSubmit(
          { ...texts(["firstName", "lastName", "dateOfBirth", "email"]), phone: text("phone") || undefined },
          text("reason"),
          {
            smsOptIn: offerSms && checked("smsOptIn"),
          },
          e.currentTarget,
        );
      }}
    >
      <Field
        name="firstName"
        label={t("firstName")}
        required
        autoComplete="given-name"
        errors={fieldErrors.firstName}
        inputClassName={INPUT}
      />
      <Field
        name="lastName"
        label={t("lastName")}
        required
        autoComplete="family-name"
        errors={fieldErrors.lastName}
        inputClassName={INPUT}
      />
      <Field
        name="dateOfBirth"
        label={t("dateOfBirth")}
        type="date"
        required
        autoComplete="bday"
        errors={fieldErrors.dateOfBirth}
        inputClassName={INPUT}
      />
      <Field name="email" label={t("email")} type="email" required autoComplete="email" errors={fieldErrors.email} inputClassName={INPUT} />
      <Field
        name="phone"
        label={t("phone")}
        type="tel"
        autoComplete="tel"
        errors={fieldErrors.phone}
        inputClassName={INPUT}
        optionalText={t("optional")}
      />
      {offerSms && (
        <div className="sm:col-span-2">
          <CheckboxField name="smsOptIn" label={t("smsOptInLabel")} hint={t("smsOptInHint")} errors={fieldErrors.smsOptIn} />
        </div>
      )}
      {children}
      <TextAreaField
        name="reason"
        label={t("reason")}
        maxLength={500}
        className="sm:col-span-2"
        errors={fieldErrors.reason}
        optionalText={t("optional")}
      />
      <div className="flex flex-col gap-3 sm:col-span-2">
        <div aria-live="assertive" role="alert" className={problems.length || formError ? "" : "sr-only"}>
          {formError && <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{formError}</p>}
          {problems.length > 0 && (
            <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              <p className="font-medium">{t("checkFields", { count: problems.length })}</p>
              <ul className="mt-1 list-disc pl-5">
                {problems.map(([field, messages]) => (
                  <li key={field}>
                    {isLabelled(field) ? t(field) : (extraLabels[field] ?? field)}: {messages.join(" ")}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
        <SubmitButton
          pending={pending}
          pendingLabel={pendingLabel ?? t("booking")}
          className="min-h-11 w-full rounded-md bg-[var(--brand-primary)] px-5 py-2.5 font-medium text-white shadow-sm hover:opacity-90 disabled:opacity-60 sm:w-auto sm:self-start"
        >
          {submitLabel ?? t("book")}
        </SubmitButton>
      </div>
    </form>
  );
}

const INPUT =
  "min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-[var(--brand-primary)] focus:outline-none focus:ring-1 focus:ring-[var(--brand-primary)] aria-[invalid=true]:border-red-500";
