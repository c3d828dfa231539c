"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { usePatientErrors } from "@/components/i18n/use-patient-errors";
import { plainFieldErrors } from "@/lib/scheduling/booking-steps";
import { tenantHref } from "@/lib/tenancy/href";
import { DetailsForm } from "./details-form";

export function WaitlistForm({
  basePath,
  appointmentTypeId,
  providerId,
  from,
  to,
}: {
  basePath: string;
  appointmentTypeId: string;
  providerId?: string;
  from: string;
  to: string;
}) {
  const t = useTranslations("Waitlist");
  const language = useLocale();
  const { formError, fieldErrors: localFieldErrors } = usePatientErrors();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  if (done)
    return (
      <p role="status" className="mt-3 font-medium text-emerald-800">
        {t("joined")}
      </p>
    );
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="mt-3 inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 font-medium"
      >
        {t("join")}
      </button>
    );
  }
  return (
    <div className="mt-4">
      <DetailsForm
        pending={pending}
        pendingLabel={t("joining")}
        fieldErrors={fieldErrors}
        formError={error}
        submitLabel={t("join")}
        onSubmit={async (patient) => {
          setPending(true);
          setError(null);
          setFieldErrors({});
          const response = await fetch(tenantHref(basePath, "/api/v1/public/waitlist"), {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ appointmentTypeId, providerId, earliestDate: from, latestDate: to, patient, language }),
          });
          const body = await response.json();
          setPending(false);
          if (!response.ok) {
            const fields = localFieldErrors(plainFieldErrors(body?.error?.fieldErrors));
            setFieldErrors(fields);
            setError(Object.keys(fields).length ? null : formError(body?.error, "waitlistFailed"));
            return;
          }
          setDone(true);
        }}
      />
    </div>
  );
}
