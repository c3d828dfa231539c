"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant } from "@/components/tenancy/tenant-provider";
import { SuccessNote, primaryButton } from "@/components/ui/form-field";
import { Badge, Panel } from "@/components/ui/panel";
import type { AppointmentType } from "@/lib/db/schema";
import { listAppointmentTypesAction } from "../actions";
import { AppointmentTypeForm } from "./appointment-type-form";

function minutes(n: number): string {
  if (n < 60) return `${n} min`;
  const h = Math.floor(n / 60);
  const m = n % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** `initial`: the types as the page loaded them. */
export function AppointmentTypesView({ initial }: { initial?: AppointmentType[] }) {
  const tenant = useTenant();
  const canEdit = usePermission("settings:manage");
  const [editing, setEditing] = useState<AppointmentType | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: staffKeys.appointmentTypeList(tenant.organization.id),
    queryFn: () => unwrap(listAppointmentTypesAction({})),
    initialData: initial,
  });
  const start = (target: AppointmentType | "new") => {
    setNotice(null);
    setEditing(target);
    if (typeof window !== "undefined") window.scrollTo({ top: 0, behavior: "smooth" });
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Appointment types</h1>
          <p className="text-sm text-slate-500">What patients can be booked for: length, buffers and how it can be booked.</p>
        </div>
        {canEdit && editing === null && (
          <button type="button" className={primaryButton} onClick={() => start("new")}>
            New appointment type
          </button>
        )}
      </div>

      <SuccessNote message={notice} />

      {editing !== null && (
        <Panel title={editing === "new" ? "New appointment type" : `Edit ${editing.name}`}>
          <AppointmentTypeForm
            key={editing === "new" ? "new" : editing.id}
            type={editing === "new" ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setNotice(editing === "new" ? `Appointment type “${saved.name}” created.` : `Appointment type “${saved.name}” saved.`);
              setEditing(null);
            }}
          />
        </Panel>
      )}

      <section aria-labelledby="types-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-100 px-4 py-3">
          <h2 id="types-heading" className="font-semibold">
            All appointment types
          </h2>
        </div>
        {query.isPending && (
          <div className="px-4">
            <LoadingState />
          </div>
        )}
        {query.isError && (
          <div className="p-4">
            <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
          </div>
        )}
        {query.data && query.data.length === 0 && <p className="px-4 py-6 text-sm text-slate-500">No appointment types yet.</p>}
        {query.data && query.data.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Duration
                  </th>
                  <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">
                    Buffers
                  </th>
                  <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">
                    Booking
                  </th>
                  {canEdit && (
                    <th scope="col" className="px-4 py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {query.data.map((t) => {
                  const badges = (
                    <>
                      {!t.active && <Badge tone="bad">Inactive</Badge>}
                      {t.onlineBookable ? <Badge tone="good">Online</Badge> : <Badge>Staff only</Badge>}
                      {t.telehealthAllowed && <Badge tone="video">Telehealth</Badge>}
                    </>
                  );
                  return (
                    <tr key={t.id} className={`align-top ${t.active ? "" : "text-slate-500"}`}>
                      <td className="px-4 py-2.5">
                        <p className="font-medium">{t.name}</p>
                        {t.description && <p className="text-xs text-slate-500">{t.description}</p>}
                        <div className="mt-1 flex flex-wrap gap-1 md:hidden">{badges}</div>
                        <p className="mt-1 text-xs text-slate-500 sm:hidden">
                          {t.bufferBeforeMinutes || t.bufferAfterMinutes
                            ? `Buffers: ${t.bufferBeforeMinutes} min before · ${t.bufferAfterMinutes} min after`
                            : "No buffers"}
                        </p>
                      </td>
                      <td className="whitespace-nowrap px-4 py-2.5 tabular-nums">{minutes(t.durationMinutes)}</td>
                      <td className="hidden whitespace-nowrap px-4 py-2.5 tabular-nums sm:table-cell">
                        {t.bufferBeforeMinutes || t.bufferAfterMinutes ? (
                          <>
                            {t.bufferBeforeMinutes} min before · {t.bufferAfterMinutes} min after
                          </>
                        ) : (
                          <span className="text-slate-400">None</span>
                        )}
                      </td>
                      <td className="hidden px-4 py-2.5 md:table-cell">
                        <div className="flex flex-wrap gap-1">{badges}</div>
                      </td>
                      {canEdit && (
                        <td className="px-4 py-2.5 text-right">
                          <button
                            type="button"
                            onClick={() => start(t)}
                            aria-label={`Edit ${t.name}`}
                            className="-my-1 rounded px-2 py-1 text-sm font-medium text-[var(--brand-primary)] hover:bg-slate-100"
                          >
                            Edit
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
