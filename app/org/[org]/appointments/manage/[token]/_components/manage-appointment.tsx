"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { tenantHref } from "@/lib/tenancy/href";
import { addDays, dayLabel, timeLabel, todayInZone, zoneLabel } from "@/components/scheduling/format";

type Summary = {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  mode: string;
  timeZone: string;
  patientFirstName: string;
  providerId: string;
  providerName: string;
  appointmentTypeId: string;
  appointmentTypeName: string;
  telehealthUrl: string | null;
  cancellationWindowHours: number;
  canChange: boolean;
};
type Slot = { providerId: string; startsAt: string };

export function ManageAppointment({
  basePath,
  token,
  justBooked,
  phone,
}: {
  basePath: string;
  token: string;
  justBooked: boolean;
  phone: string | null;
}) {
  const api = (path: string) => tenantHref(basePath, path);
  const queryClient = useQueryClient();
  const key = ["public", basePath, "manage", token];
  const summary = useQuery({
    queryKey: key,
    queryFn: async (): Promise<Summary> => {
      const response = await fetch(api(`/api/v1/public/manage/${token}`));
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? "This link is not valid.");
      return body.data;
    },
  });
  const [moving, setMoving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const s = summary.data;
  const from = s ? todayInZone(s.timeZone) : "";
  const slots = useQuery({
    enabled: Boolean(s && moving),
    queryKey: [...key, "slots", from],
    queryFn: async (): Promise<Slot[]> => {
      const q = new URLSearchParams({ type: s!.appointmentTypeId, provider: s!.providerId, mode: s!.mode, from, to: addDays(from, 13) });
      const response = await fetch(api(`/api/v1/public/availability?${q}`));
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? "Could not load times.");
      return body.data;
    },
  });

  async function post(path: string, payload: unknown, success: string) {
    setPending(true);
    setMessage(null);
    const response = await fetch(api(path), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    const body = await response.json();
    setPending(false);
    if (!response.ok) {
      setMessage(body?.error?.message ?? "That did not work. Please try again.");
      if (response.status === 409) await slots.refetch();
      return;
    }
    queryClient.setQueryData(key, body.data);
    setMoving(false);
    setMessage(success);
  }

  if (summary.isPending) return <p className="text-slate-500">Loading…</p>;
  if (summary.isError || !s) {
    return (
      <div role="alert" className="rounded-lg border border-slate-200 bg-white p-6">
        <p className="font-medium">{summary.error?.message ?? "This link is not valid."}</p>
        {phone && <p className="mt-2 text-slate-600">Please call us at {phone}.</p>}
      </div>
    );
  }
  const cancelled = s.status === "cancelled";

  return (
    <div className="flex flex-col gap-4">
      {justBooked && !cancelled && (
        <div role="status" className="rounded-lg bg-emerald-50 p-4 text-emerald-900">
          <p className="text-lg font-semibold">You&apos;re booked, {s.patientFirstName}!</p>
          <p>A confirmation with a calendar invitation is on its way to your e-mail. Keep this page&apos;s address to change or cancel.</p>
        </div>
      )}
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">{s.appointmentTypeName}</h1>
        <dl className="mt-4 grid gap-3 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-500">When</dt>
            <dd className={cancelled ? "line-through" : ""}>
              {dayLabel(s.startsAt, s.timeZone)}, {timeLabel(s.startsAt, s.timeZone)} – {timeLabel(s.endsAt, s.timeZone)}
              <span className="block text-sm text-slate-500">{zoneLabel(s.timeZone)}</span>
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-500">With</dt>
            <dd>{s.providerName}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-500">Status</dt>
            <dd className="capitalize">{s.status.replace("_", " ")}</dd>
          </div>
          {s.mode === "telehealth" && s.telehealthUrl && !cancelled && (
            <div>
              <dt className="text-sm text-slate-500">Video visit</dt>
              <dd>
                <a href={s.telehealthUrl} className="font-medium text-[var(--brand-primary)] underline" rel="noopener">
                  Join the video visit
                </a>
              </dd>
            </div>
          )}
        </dl>
        {message && (
          <p role="status" className="mt-4 rounded-md bg-slate-100 px-3 py-2 text-sm">
            {message}
          </p>
        )}
        {s.canChange ? (
          <div className="mt-6 flex flex-wrap gap-3">
            <button type="button" onClick={() => setMoving((v) => !v)} className="rounded-md border border-slate-300 px-4 py-2">
              Reschedule
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => {
                if (window.confirm("Cancel this appointment?"))
                  void post(`/api/v1/public/manage/${token}/cancel`, {}, "Your appointment is cancelled.");
              }}
              className="rounded-md border border-red-300 px-4 py-2 text-red-700"
            >
              Cancel appointment
            </button>
          </div>
        ) : (
          !cancelled && (
            <p className="mt-6 text-sm text-slate-600">
              Changes online are possible up to {s.cancellationWindowHours} hours before the appointment.
              {phone ? ` Please call us at ${phone}.` : ""}
            </p>
          )
        )}
      </section>
      {moving && (
        <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="font-semibold">Choose a new time</h2>
          <p className="mb-3 text-sm text-slate-500">Times are shown in {zoneLabel(s.timeZone)}.</p>
          {slots.isPending && <p className="text-sm text-slate-500">Finding free times…</p>}
          {slots.data?.length === 0 && <p className="text-sm">No free times in the next two weeks.</p>}
          <div className="flex flex-wrap gap-2">
            {slots.data?.slice(0, 40).map((slot) => (
              <button
                key={slot.startsAt}
                type="button"
                disabled={pending}
                onClick={() =>
                  void post(`/api/v1/public/manage/${token}/reschedule`, { startsAt: slot.startsAt }, "Your appointment has moved.")
                }
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm tabular-nums hover:border-[var(--brand-primary)]"
              >
                {dayLabel(slot.startsAt, s.timeZone)} {timeLabel(slot.startsAt, s.timeZone)}
              </button>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
