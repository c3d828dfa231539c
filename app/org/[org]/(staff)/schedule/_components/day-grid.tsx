"use client";

import { Temporal } from "temporal-polyfill";
import { addDays, isoOf, timeLabel, type Instant } from "@/components/scheduling/format";
import type { BusinessHours } from "@/lib/db/schema/organization-settings";
import type { ScheduleAppointment } from "@/lib/scheduling/appointments-service";
import type { ProviderOption } from "@/lib/scheduling/schedule-options";
import { statusLabel, statusStyle } from "@/lib/scheduling/status";

const HOUR_PX = 64;
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function localParts(instant: Instant, timeZone: string) {
  const z = Temporal.Instant.from(isoOf(instant)).toZonedDateTimeISO(timeZone);
  return { date: z.toPlainDate().toString(), minutes: z.hour * 60 + z.minute };
}

/** One column per provider (a day) or per day (a week); appointments placed on a time axis in the organization's zone. */
export function DayGrid({
  date,
  days = 1,
  timeZone,
  providers,
  appointments,
  businessHours,
  onSelect,
  loading,
}: {
  date: string;
  days?: number;
  timeZone: string;
  providers: ProviderOption[];
  appointments: ScheduleAppointment[];
  businessHours: BusinessHours;
  onSelect: (id: string) => void;
  loading: boolean;
}) {
  const dates = Array.from({ length: days }, (_, i) => addDays(date, i));
  const open = WEEKDAYS.map((d) => businessHours[d]).filter((h) => h.isOpen);
  const placed = appointments.map((a) => ({ a, start: localParts(a.startsAt, timeZone), end: localParts(a.endsAt, timeZone) }));
  const startMin = Math.min(open.length ? Math.min(...open.map((h) => minutesOf(h.start))) : 8 * 60, ...placed.map((p) => p.start.minutes));
  const endMin = Math.max(
    open.length ? Math.max(...open.map((h) => minutesOf(h.end))) : 18 * 60,
    ...placed.map((p) => p.end.minutes || 24 * 60),
  );
  const first = Math.floor(startMin / 60) * 60;
  const last = Math.ceil(endMin / 60) * 60;
  const hours = Array.from({ length: (last - first) / 60 }, (_, i) => first / 60 + i);
  const columns =
    days === 1
      ? providers.map((p) => ({
          key: p.id,
          label: p.name,
          match: (x: (typeof placed)[number]) => x.a.providerId === p.id && x.start.date === date,
        }))
      : dates.map((d) => ({
          key: d,
          label: new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" }).format(
            new Date(`${d}T12:00:00Z`),
          ),
          match: (x: (typeof placed)[number]) => x.start.date === d && providers.some((p) => p.id === x.a.providerId),
        }));

  if (!columns.length) return <p className="text-slate-500">No providers to show.</p>;

  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white" aria-busy={loading}>
      <div className="flex min-w-full" style={{ minWidth: `${4 + columns.length * 11}rem` }}>
        <div className="w-14 shrink-0 border-r border-slate-100">
          <div className="h-10 border-b border-slate-200" />
          <div className="relative" style={{ height: hours.length * HOUR_PX }}>
            {hours.map((h, i) => (
              <span key={h} className="absolute right-2 -translate-y-2 text-xs text-slate-500" style={{ top: i * HOUR_PX }}>
                {new Intl.DateTimeFormat("en-US", { hour: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(2000, 0, 1, h)))}
              </span>
            ))}
          </div>
        </div>
        {columns.map((col) => (
          <div key={col.key} className="min-w-[11rem] flex-1 border-r border-slate-100 last:border-r-0">
            <div className="sticky top-0 flex h-10 items-center justify-center border-b border-slate-200 bg-slate-50 px-2 text-sm font-medium">
              <span className="truncate">{col.label}</span>
            </div>
            <div className="relative" style={{ height: hours.length * HOUR_PX }}>
              {hours.map((h, i) => (
                <div key={h} className="absolute inset-x-0 border-t border-slate-100" style={{ top: i * HOUR_PX }} />
              ))}
              {placed.filter(col.match).map(({ a, start, end }) => {
                const top = ((start.minutes - first) / 60) * HOUR_PX;
                const endMinutes = end.date === start.date ? end.minutes : last;
                const height = Math.max(((endMinutes - start.minutes) / 60) * HOUR_PX - 2, 22);
                return (
                  <button
                    key={a.id}
                    type="button"
                    onClick={() => onSelect(a.id)}
                    className={`absolute inset-x-1 overflow-hidden rounded-md border px-2 py-1 text-left text-xs shadow-sm ${statusStyle(a.status)}`}
                    style={{ top, height }}
                  >
                    {/* The name is the visible text plus hidden commas and the status: "9:00 AM Ann Lee, Check-up, confirmed". */}
                    <span className="block truncate font-medium">
                      {timeLabel(a.startsAt, timeZone)} {a.patientName}
                      <span className="sr-only">,</span>
                    </span>
                    <span className="block truncate opacity-80">
                      {a.appointmentTypeName}
                      {days > 1 && providers.length > 1 ? ` · ${a.providerName}` : ""}
                      {a.mode === "telehealth" ? " · video" : ""}
                      <span className="sr-only">, {statusLabel(a.status).toLowerCase()}</span>
                    </span>
                  </button>
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
