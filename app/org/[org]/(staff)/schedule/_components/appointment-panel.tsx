"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AppointmentStatus } from "@/lib/db/schema/enum-values";
import { useState } from "react";
import { addDays, dayLabel, timeLabel, zoneLabel } from "@/components/scheduling/format";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { orgQueryKey } from "@/lib/query/client";
import type { ProviderOption } from "./schedule-view";
import { isChangeable, nextActions, statusLabel, statusStyle } from "@/lib/scheduling/status";

type Detail = {
  id: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  mode: string;
  reason: string | null;
  notes: string | null;
  bookedVia: string;
  cancelReason: string | null;
  telehealthUrl: string | null;
  providerId: string;
  appointmentTypeId: string;
  patient: { id: string; name: string; mrn: string; dateOfBirth: string; email: string | null; phone: string | null };
  provider: { id: string; name: string };
  appointmentType: { id: string; name: string; durationMinutes: number };
};

async function send(url: string, body: unknown) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(json?.error?.message ?? "That did not work.");
  return json;
}

/** Appointment detail with its lifecycle actions; a side sheet on desktop, full screen on a phone. */
export function AppointmentPanel({ id, onClose }: { id: string; onClose: () => void; providers?: ProviderOption[] }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const canWrite = usePermission("appointments:write");
  const queryClient = useQueryClient();
  const tz = tenant.organization.timeZone;
  const key = orgQueryKey(tenant.organization.id, "appointment", id);
  const detail = useQuery({
    queryKey: key,
    queryFn: async (): Promise<Detail> => {
      const response = await fetch(href(`/api/v1/appointments/${id}`));
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? "Could not load the appointment.");
      return body.data;
    },
  });
  const [cancelling, setCancelling] = useState(false);
  const [moving, setMoving] = useState(false);
  const [moveDate, setMoveDate] = useState<string>("");
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: orgQueryKey(tenant.organization.id, "appointments") });
    void queryClient.invalidateQueries({ queryKey: key });
  };
  const action = useMutation({
    mutationFn: (args: { path: string; body: unknown }) => send(href(args.path), args.body),
    onSuccess: refresh,
  });
  const d = detail.data;
  const slots = useQuery({
    enabled: Boolean(d && moving && moveDate),
    queryKey: orgQueryKey(tenant.organization.id, "slots", d?.appointmentTypeId ?? "", d?.providerId ?? "", moveDate),
    queryFn: async (): Promise<{ startsAt: string }[]> => {
      const q = new URLSearchParams({ type: d!.appointmentTypeId, provider: d!.providerId, from: moveDate, to: moveDate, mode: d!.mode });
      const response = await fetch(href(`/api/v1/availability?${q}`));
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? "Could not load free times.");
      return body.data;
    },
  });

  return (
    <div
      className="fixed inset-0 z-20 flex justify-end bg-slate-900/30"
      role="dialog"
      aria-modal="true"
      aria-labelledby="appointment-title"
      onClick={onClose}
    >
      <div className="h-full w-full max-w-md overflow-y-auto bg-white p-6 shadow-xl" onClick={(e) => e.stopPropagation()}>
        <div className="mb-4 flex items-start justify-between gap-4">
          <h2 id="appointment-title" className="text-lg font-semibold">
            {d ? d.appointmentType.name : "Appointment"}
          </h2>
          <button type="button" onClick={onClose} className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100" aria-label="Close">
            ✕
          </button>
        </div>
        {detail.isPending && <p className="text-slate-500">Loading…</p>}
        {detail.isError && (
          <p role="alert" className="text-red-700">
            {detail.error.message}
          </p>
        )}
        {d && (
          <div className="flex flex-col gap-4 text-sm">
            <span className={`self-start rounded border px-2 py-0.5 text-xs ${statusStyle(d.status)}`}>{statusLabel(d.status)}</span>
            <dl className="grid grid-cols-3 gap-x-3 gap-y-2">
              <dt className="text-slate-500">When</dt>
              <dd className="col-span-2">
                {dayLabel(d.startsAt, tz)}, {timeLabel(d.startsAt, tz)} – {timeLabel(d.endsAt, tz)}
                <span className="block text-xs text-slate-500">{zoneLabel(tz)}</span>
              </dd>
              <dt className="text-slate-500">Patient</dt>
              <dd className="col-span-2">
                <a className="font-medium text-[var(--brand-primary)] hover:underline" href={href(`/patients/${d.patient.id}`)}>
                  {d.patient.name}
                </a>
                <span className="block text-xs text-slate-500">
                  MRN {d.patient.mrn} · born {d.patient.dateOfBirth}
                </span>
                {(d.patient.phone || d.patient.email) && (
                  <span className="block text-xs text-slate-500">{[d.patient.phone, d.patient.email].filter(Boolean).join(" · ")}</span>
                )}
              </dd>
              <dt className="text-slate-500">Provider</dt>
              <dd className="col-span-2">{d.provider.name}</dd>
              <dt className="text-slate-500">Mode</dt>
              <dd className="col-span-2">{d.mode === "telehealth" ? "Video visit" : "In person"}</dd>
              {d.reason && (
                <>
                  <dt className="text-slate-500">Reason</dt>
                  <dd className="col-span-2">{d.reason}</dd>
                </>
              )}
              {d.notes && (
                <>
                  <dt className="text-slate-500">Notes</dt>
                  <dd className="col-span-2 whitespace-pre-wrap">{d.notes}</dd>
                </>
              )}
              {d.cancelReason && (
                <>
                  <dt className="text-slate-500">Cancelled</dt>
                  <dd className="col-span-2">{d.cancelReason}</dd>
                </>
              )}
              <dt className="text-slate-500">Booked</dt>
              <dd className="col-span-2 capitalize">{d.bookedVia}</dd>
            </dl>
            {d.telehealthUrl && d.status !== "cancelled" && (
              <a
                href={d.telehealthUrl}
                target="_blank"
                rel="noopener noreferrer"
                className="rounded-md bg-violet-600 px-4 py-2 text-center font-medium text-white"
              >
                Join video visit
              </a>
            )}
            {action.isError && (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
                {action.error.message}
              </p>
            )}
            {canWrite && (
              <div className="flex flex-wrap gap-2">
                {nextActions(d.status).map((a) => (
                  <button
                    key={a.to}
                    type="button"
                    disabled={action.isPending}
                    onClick={() => action.mutate({ path: `/api/v1/appointments/${d.id}/status`, body: { status: a.to } })}
                    className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
                  >
                    {a.label}
                  </button>
                ))}
                {isChangeable(d.status) && (
                  <>
                    <button
                      type="button"
                      onClick={() => setMoving((v) => !v)}
                      className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
                    >
                      Reschedule
                    </button>
                    <button
                      type="button"
                      onClick={() => setCancelling((v) => !v)}
                      className="rounded-md border border-red-300 px-3 py-1.5 text-red-700"
                    >
                      Cancel
                    </button>
                  </>
                )}
              </div>
            )}
            {cancelling && (
              <form
                className="flex flex-col gap-2 rounded-md border border-red-200 p-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
                  action.mutate(
                    { path: `/api/v1/appointments/${d.id}/cancel`, body: { reason } },
                    { onSuccess: () => setCancelling(false) },
                  );
                }}
              >
                <label htmlFor="cancel-reason" className="font-medium">
                  Reason for cancelling
                </label>
                <input id="cancel-reason" name="reason" maxLength={500} className="rounded-md border border-slate-300 px-2 py-1.5" />
                <button
                  type="submit"
                  disabled={action.isPending}
                  className="self-start rounded-md bg-red-600 px-3 py-1.5 font-medium text-white"
                >
                  Cancel appointment
                </button>
              </form>
            )}
            {moving && (
              <div className="flex flex-col gap-2 rounded-md border border-slate-200 p-3">
                <label htmlFor="move-date" className="font-medium">
                  New date
                </label>
                <input
                  id="move-date"
                  type="date"
                  min={addDays(new Date().toISOString().slice(0, 10), -1)}
                  value={moveDate}
                  onChange={(e) => setMoveDate(e.target.value)}
                  className="rounded-md border border-slate-300 px-2 py-1.5"
                />
                {slots.isFetching && <p className="text-slate-500">Finding free times…</p>}
                {slots.data?.length === 0 && <p className="text-slate-500">No free times with {d.provider.name} that day.</p>}
                <div className="flex flex-wrap gap-2">
                  {slots.data?.map((s) => (
                    <button
                      key={s.startsAt}
                      type="button"
                      disabled={action.isPending}
                      onClick={() =>
                        action.mutate(
                          { path: `/api/v1/appointments/${d.id}/reschedule`, body: { startsAt: s.startsAt } },
                          { onSuccess: () => setMoving(false), onError: () => void slots.refetch() },
                        )
                      }
                      className="rounded-md border border-slate-300 px-2 py-1 tabular-nums hover:border-[var(--brand-primary)]"
                    >
                      {timeLabel(s.startsAt, tz)}
                    </button>
                  ))}
                </div>
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
