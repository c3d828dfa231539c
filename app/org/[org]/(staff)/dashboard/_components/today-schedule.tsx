"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { unwrap } from "@/components/actions/action-client";
import { timeLabel } from "@/components/scheduling/format";
import { scheduleKeys } from "@/components/scheduling/query-keys";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { statusLabel, statusStyle } from "@/lib/scheduling/status";
import { listAppointmentsAction } from "@/app/org/[org]/(staff)/schedule/actions";

/** The member's day (a clinician's own), refreshed every minute; the same cache entry as the schedule's today. */
export function TodaySchedule({ date }: { date: string }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const orgId = tenant.organization.id;
  const tz = tenant.organization.timeZone;
  const query = useQuery({
    queryKey: scheduleKeys.range(orgId, date, date, undefined),
    queryFn: () => unwrap(listAppointmentsAction({ from: date, to: date })),
    refetchInterval: 60_000,
  });

  return (
    <section aria-labelledby="today-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 id="today-heading" className="font-semibold">
          {query.data?.scope === "own" ? "My appointments today" : "Today's appointments"}
        </h2>
        {query.data && (
          <span className="text-sm text-slate-500">{query.data.data.filter((r) => r.status !== "cancelled").length} booked</span>
        )}
      </div>
      {query.isPending && <p className="px-4 py-6 text-sm text-slate-500">Loading…</p>}
      {query.isError && (
        <p role="alert" className="px-4 py-6 text-sm text-red-700">
          {query.error.message}
        </p>
      )}
      {query.data && query.data.data.length === 0 && <p className="px-4 py-6 text-sm text-slate-500">No appointments today.</p>}
      {query.data && query.data.data.length > 0 && (
        <ul className="divide-y divide-slate-100">
          {query.data.data.map((row) => (
            <li key={row.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
              {/* Opens the appointment's panel on the schedule, on its day. */}
              <Link
                href={href(`/schedule?date=${date}&appointment=${encodeURIComponent(row.id)}`)}
                className="flex min-w-40 flex-1 flex-wrap gap-x-4 rounded font-medium underline-offset-2 hover:underline"
              >
                <span className="whitespace-nowrap tabular-nums sm:w-40">
                  {timeLabel(row.startsAt, tz)} – {timeLabel(row.endsAt, tz)}
                </span>
                <span>{row.patientName}</span>
              </Link>
              <span className="text-slate-500">{row.appointmentTypeName}</span>
              <span className="text-slate-500">{row.providerName}</span>
              {row.mode === "telehealth" && <span className="rounded bg-violet-50 px-2 py-0.5 text-xs text-violet-700">Video</span>}
              <span className={`rounded border px-2 py-0.5 text-xs ${statusStyle(row.status)}`}>{statusLabel(row.status)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
