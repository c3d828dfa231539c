"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { timeLabel } from "@/components/scheduling/format";
import { scheduleKeys } from "@/components/scheduling/query-keys";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant } from "@/components/tenancy/tenant-provider";
import type { ScheduleAppointment } from "@/lib/scheduling/appointments-service";
import { nextActions, statusLabel, statusStyle } from "@/lib/scheduling/status";
import { changeStatusAction } from "../actions";

const canCheckIn = (a: ScheduleAppointment) => nextActions(a.status).some((next) => next.to === "checked_in");

/** Front desk: today's appointments in order, with check-in one click away. */
export function TodayList({ rows, loading, onSelect }: { rows: ScheduleAppointment[]; loading: boolean; onSelect: (id: string) => void }) {
  const tenant = useTenant();
  const canWrite = usePermission("appointments:write");
  const orgId = tenant.organization.id;
  const tz = tenant.organization.timeZone;
  const queryClient = useQueryClient();
  const checkIn = useActionMutation((id: string) => changeStatusAction({ id, status: "checked_in" }), {
    invalidate: [scheduleKeys.all(orgId), staffKeys.patients(orgId)],
  });

  if (loading) return <p className="text-slate-500">Loading…</p>;
  if (!rows.length) return <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-500">No appointments today.</p>;

  return (
    <div className="rounded-xl border border-slate-200 bg-white">
      {checkIn.errors.formError && (
        <p role="alert" className="border-b border-slate-100 px-4 py-2 text-sm text-red-700">
          {checkIn.errors.formError}
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
            {canWrite && canCheckIn(a) && (
              <button
                type="button"
                disabled={checkIn.isPending}
                onClick={() =>
                  // Refused (someone changed it meanwhile): show the appointment as it is now.
                  checkIn.mutate(a.id, { onError: () => void queryClient.invalidateQueries({ queryKey: scheduleKeys.all(orgId) }) })
                }
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
