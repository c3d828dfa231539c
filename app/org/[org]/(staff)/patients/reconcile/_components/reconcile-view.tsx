"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { type Column, QueryTable } from "@/components/ui/data-table";
import { primaryButton, secondaryButton } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { acceptPatientAction, mergePatientAction, reconcileListAction } from "../actions";

type Row = Extract<Awaited<ReturnType<typeof reconcileListAction>>, { ok: true }>["data"][number];

const STATUS: Record<string, { label: string; tone: string }> = {
  unverified: { label: "E-mail not confirmed", tone: "bg-amber-50 text-amber-900" },
  review: { label: "Details differ", tone: "bg-red-50 text-red-800" },
};

export function ReconcileView({ canWrite }: { canWrite: boolean }) {
  const tenant = useTenant();
  const key = ["org", tenant.organization.id, "patients", "reconcile"];
  const query = useQuery({ queryKey: key, queryFn: () => unwrap(reconcileListAction({})) });
  const [notice, setNotice] = useState<string | null>(null);
  const merge = useActionMutation(mergePatientAction, {
    invalidate: [key],
    onSuccess: () => setNotice("Merged into the patient's record."),
  });
  const accept = useActionMutation(acceptPatientAction, { invalidate: [key], onSuccess: () => setNotice("Kept as a new patient.") });
  const failure = merge.errors.formError ?? accept.errors.formError ?? null;
  const busy = merge.isPending || accept.isPending;

  const columns: Column<Row>[] = [
    {
      header: "Online details",
      cell: (r) => (
        <div>
          <div className="font-medium text-slate-900">{r.name}</div>
          <div className="text-xs text-slate-600">
            Born {r.dateOfBirth} · {r.email}
          </div>
        </div>
      ),
    },
    {
      header: "Status",
      cell: (r) => (
        <span className={`rounded px-2 py-0.5 text-xs ${STATUS[r.recordStatus]?.tone ?? ""}`}>{STATUS[r.recordStatus]?.label}</span>
      ),
    },
    {
      header: "Patient with this e-mail",
      cell: (r) =>
        r.sameEmail ? (
          <div>
            <div className="font-medium text-slate-900">{r.sameEmail.name}</div>
            <div className="text-xs text-slate-600">
              Born {r.sameEmail.dateOfBirth} · MRN {r.sameEmail.mrn} · {r.sameEmail.detailsMatch ? "same details" : "other details"}
            </div>
          </div>
        ) : (
          <span className="text-sm text-slate-600">None</span>
        ),
    },
    {
      header: "Actions",
      cell: (r) =>
        canWrite ? (
          <div className="flex flex-wrap gap-2">
            {r.sameEmail && (
              <button
                type="button"
                className={primaryButton}
                disabled={busy}
                onClick={() => {
                  setNotice(null);
                  merge.mutate({ id: r.id, intoId: r.sameEmail!.id });
                }}
              >
                Merge into {r.sameEmail.name}
              </button>
            )}
            {!r.sameEmail && (
              <button
                type="button"
                className={secondaryButton}
                disabled={busy}
                onClick={() => {
                  setNotice(null);
                  accept.mutate({ id: r.id });
                }}
              >
                Keep as new patient
              </button>
            )}
          </div>
        ) : null,
    },
  ];

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Online bookings to reconcile"
        description="Patients who booked or joined the waiting list online keep the details they typed until they confirm their e-mail. Confirmed bookings with matching details join the patient's record by themselves; the rest are here."
      />
      {(notice || failure) && (
        <p role="status" className={`text-sm font-medium ${failure ? "text-red-700" : "text-emerald-800"}`}>
          {failure ?? notice}
        </p>
      )}
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <QueryTable query={query} columns={columns} rows={query.data ?? []} rowKey={(r) => r.id} empty="Nothing to reconcile." />
      </div>
    </div>
  );
}
