"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { timeLabel } from "@/components/scheduling/format";
import { orgQueryKey } from "@/lib/query/client";
import type { ScheduleAppointment } from "./schedule-view";
import { isChangeable, statusLabel, statusStyle } from "@/lib/scheduling/status";

/** Front desk: today's appointments in order, with check-in one click away. */
export function TodayList({ today, providerFilter, onSelect }: { today: string; providerFilter: string; onSelect: (id: string) => void }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const canWrite = usePermission("appointments:write");
  const queryClient = useQueryClient();
  const tz = tenant.organization.timeZone;
  const list = useQuery({
    queryKey: orgQueryKey(tenant.organization.id, "appointments", today, today, providerFilter),
    queryFn: async (): Promise<{ data: ScheduleAppointment[] }> => {
      const q = new URLSearchParams({ date: today, limit: "200" });
      if (providerFilter !== "all") q.set("provider", providerFilter);
      const response = await fetch(href(`/api/v1/appointments?${q}`));
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? "Could not load today's appointments.");
      return body;
    },
    refetchInterval: 30_000,
  });
  const checkIn = useMutation({
    mutationFn: async (id: string) => {
      const response = await fetch(href(`/api/v1/appointments/${id}/status`), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: "checked_in" }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? "Could not check in.");
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: orgQueryKey(tenant.organization.id, "appointments") }),
  });

  if (list.isPending) return <p className="text-slate-500">Loading…</p>;
  if (list.isError)
    return (
      <p role="alert" className="text-red-700">
        {list.error.message}
      </p>
    );
  const rows = list.data.data;
  if (!rows.length) return <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-500">No appointments today.</p>;

  return (
    <div className="rounded-xl border border-slate-200 bg-white">
      {checkIn.isError && (
        <p role="alert" className="border-b border-slate-100 px-4 py-2 text-sm text-red-700">
          {checkIn.error.message}
        </p>
      )}
      <ul className="divide-y divide-slate-100">
        {rows.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm">
            <span className="w-20 font-medium tabular-nums">{timeLabel(a.startsAt, tz)}</span>
            <button type="button" onClick={() => onSelect(a.id)} className="min-w-40 flex-1 text-left font-medium hover:underline">
              {a.patientName} <span className="font-normal text-slate-500">· {a.patientMrn}</span>
            </button>
            <span className="text-slate-500">{a.appointmentTypeName}</span>
            <span className="text-slate-500">{a.providerName}</span>
            <span className={`rounded border px-2 py-0.5 text-xs ${statusStyle(a.status)}`}>{statusLabel(a.status)}</span>
            {canWrite && isChangeable(a.status) && (
              <button
                type="button"
                disabled={checkIn.isPending}
                onClick={() => checkIn.mutate(a.id)}
                className="rounded-md bg-[var(--brand-primary)] px-3 py-1 text-xs font-medium text-white"
                aria-label={`Check in ${a.patientName}`}
              >
                Check in
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
