"use client";

import { timeLabel } from "@/components/scheduling/format";
import type { ScheduleAppointment } from "@/lib/scheduling/appointments-service";
import { statusLabel, statusStyle } from "@/lib/scheduling/status";

/** A phone's schedule: one day's appointments in time order, each opening its panel. */
export function PhoneDayList({
  rows,
  loading,
  timeZone,
  onSelect,
}: {
  rows: ScheduleAppointment[];
  loading: boolean;
  timeZone: string;
  onSelect: (id: string) => void;
}) {
  if (loading)
    return (
      <div aria-busy="true" className="flex flex-col gap-2">
        <p role="status" className="sr-only">
          Loading appointments…
        </p>
        {[0, 1, 2, 3].map((i) => (
          <div key={i} aria-hidden="true" data-skeleton="" className="h-16 animate-pulse rounded-xl bg-slate-200" />
        ))}
      </div>
    );
  if (!rows.length) return <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-600">No appointments this day.</p>;
  const sorted = [...rows].sort((p, q) => new Date(p.startsAt).getTime() - new Date(q.startsAt).getTime());
  return (
    <ul aria-label="Appointments this day" className="flex flex-col gap-2">
      {sorted.map((a) => (
        <li key={a.id}>
          <button
            type="button"
            onClick={() => onSelect(a.id)}
            className={`flex w-full flex-col gap-0.5 rounded-xl border px-4 py-3 text-left text-sm ${statusStyle(a.status)}`}
          >
            <span className="font-medium">
              <span className="tabular-nums">
                {timeLabel(a.startsAt, timeZone)} – {timeLabel(a.endsAt, timeZone)}
              </span>{" "}
              {a.patientName}
              <span className="sr-only">,</span>
            </span>
            <span>
              {a.appointmentTypeName} · {a.providerName}
              {a.mode === "telehealth" ? " · video" : ""}
              <span className="sr-only">,</span> <span className="text-xs">({statusLabel(a.status)})</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
