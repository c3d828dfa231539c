"use client";

import { isoOf, timeLabel, zoneLabel, type Instant } from "@/components/scheduling/format";
import type { PatientAppointment } from "@/lib/scheduling/patient-history";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { Badge } from "@/components/ui/panel";
import { statusLabel, statusTone } from "@/lib/scheduling/status";

function dateLabel(instant: Instant, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric", year: "numeric" }).format(
    new Date(instant),
  );
}

function AppointmentList({ title, rows, empty }: { title: string; rows: PatientAppointment[]; empty: string }) {
  const { organization } = useTenant();
  const tz = organization.timeZone;
  const headingId = `appointments-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 id={headingId} className="font-semibold">
          {title}
        </h2>
        <span className="text-sm text-slate-500">{rows.length}</span>
      </div>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((a) => {
            const status = { label: statusLabel(a.status), tone: statusTone(a.status) };
            return (
              <li key={a.id} className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:items-start sm:gap-4">
                <div className="shrink-0 sm:w-44">
                  <p className="font-medium">
                    <time dateTime={isoOf(a.startsAt)}>{dateLabel(a.startsAt, tz)}</time>
                  </p>
                  <p className="tabular-nums text-slate-600">
                    {timeLabel(a.startsAt, tz)} – {timeLabel(a.endsAt, tz)}
                  </p>
                </div>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{a.appointmentTypeName}</p>
                  <p className="text-slate-600">with {a.providerName}</p>
                  {a.reason && <p className="text-slate-500">Reason: {a.reason}</p>}
                  {a.status === "cancelled" && a.cancelReason && <p className="text-slate-500">Cancelled: {a.cancelReason}</p>}
                </div>
                <div className="flex flex-wrap gap-1.5">
                  {a.mode === "telehealth" && <Badge tone="video">Video</Badge>}
                  <Badge tone={status.tone}>{status.label}</Badge>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function PatientAppointments({ upcoming, past }: { upcoming: PatientAppointment[]; past: PatientAppointment[] }) {
  const { organization } = useTenant();
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-500">
        Times are in the organization&apos;s time zone:{" "}
        <span className="font-medium text-slate-700">{zoneLabel(organization.timeZone)}</span>.
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <AppointmentList title="Upcoming appointments" rows={upcoming} empty="No upcoming appointments." />
        <AppointmentList title="Past appointments" rows={past} empty="No past appointments." />
      </div>
    </div>
  );
}
