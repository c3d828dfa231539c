import { daysInMonth, formatDate, instantOfWallTime, instantString, wallTimeAt, type WallTime } from "@/lib/time/wall-clock";

export type ZonedParse = { ok: true; instant: string } | { ok: false; error: string };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?$/;

/** "2026-03-09T14:00" (seconds optional, a bare date is midnight) as a wall-clock time, if it names a real one. */
function parseLocal(value: string): WallTime | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second };
}

/**
 * A `datetime-local` value ("2026-03-09T14:00") read as wall-clock time in `timeZone`, as an ISO
 * instant. A time skipped by a daylight-saving change is refused; a repeated one (the hour after
 * clocks go back) takes the earlier or later occurrence, so a start and an end can cover it all.
 */
export function zonedLocalToInstant(value: string, timeZone: string, prefer: "earlier" | "later" = "earlier"): ZonedParse {
  const local = parseLocal(value);
  if (!local) return { ok: false, error: "Enter a date and time." };
  const instant = instantOfWallTime(local, timeZone, prefer);
  const shown = wallTimeAt(instant, timeZone);
  if ((Object.keys(local) as (keyof WallTime)[]).some((field) => shown[field] !== local[field])) {
    return { ok: false, error: "That time does not exist on this day: the clocks move forward. Choose a time after the change." };
  }
  return { ok: true, instant: instantString(instant) };
}

/** "2026-03-09T14:00" for a datetime-local input, from an instant, in `timeZone`. */
export function instantToZonedLocal(instant: string, timeZone: string): string {
  const t = wallTimeAt(new Date(instant).getTime(), timeZone);
  return `${formatDate(t)}T${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
}
