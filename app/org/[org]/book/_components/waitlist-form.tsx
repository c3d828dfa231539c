"use client";

import { useState } from "react";
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
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  if (done)
    return (
      <p role="status" className="mt-3 font-medium text-emerald-700">
        You are on the waiting list. We will e-mail you if a time opens up.
      </p>
    );
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5">
        Join the waiting list
      </button>
    );
  }
  return (
    <div className="mt-4">
      {error && (
        <p role="alert" className="mb-3 text-red-700">
          {error}
        </p>
      )}
      <DetailsForm
        pending={pending}
        fieldErrors={fieldErrors}
        submitLabel="Join the waiting list"
        onSubmit={async (patient) => {
          setPending(true);
          setError(null);
          const response = await fetch(tenantHref(basePath, "/api/v1/public/waitlist"), {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ appointmentTypeId, providerId, earliestDate: from, latestDate: to, patient }),
          });
          const body = await response.json();
          setPending(false);
          if (!response.ok) {
            setError(body?.error?.message ?? "Could not join the waiting list.");
            setFieldErrors(
              Object.fromEntries(
                Object.entries(body?.error?.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^patient\./, ""), v as string[]]),
              ),
            );
            return;
          }
          setDone(true);
        }}
      />
    </div>
  );
}
