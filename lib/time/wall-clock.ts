// Calendar days and wall-clock times in a time zone, for the browser: plain date arithmetic on
// "YYYY-MM-DD" strings and zone conversions through the built-in Intl time-zone data. It does what
// the pages need from Temporal (with the same results: the unit tests compare against it) without
// shipping a date library to every patient and clinician. Server code keeps using Temporal.

const DAY_MS = 86_400_000;

export type DateParts = { year: number; month: number; day: number };
export type WallTime = DateParts & { hour: number; minute: number; second: number };

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "2026-03-09" → { year: 2026, month: 3, day: 9 }; no validation (see `parseDate`). */
function partsOf(date: string): DateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function formatDate({ year, month, day }: DateParts): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian, as Temporal's ISO calendar). */
function epochDay({ year, month, day }: DateParts): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / DAY_MS);
}

function fromEpochDay(days: number): string {
  const d = new Date(days * DAY_MS);
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/** A "YYYY-MM-DD" that names a real day, or null. */
export function parseDate(date: string): DateParts | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const p = partsOf(date);
  return p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= daysInMonth(p.year, p.month) ? p : null;
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(epochDay(partsOf(date)) + days);
}

/** Months later (or earlier); a day past the end of the target month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = partsOf(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** 1 = Monday … 7 = Sunday, as ISO 8601 and Temporal count. */
export function dayOfWeek(date: string): number {
  const weekday = new Date(epochDay(partsOf(date)) * DAY_MS).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** "2026-03" shifted by whole months. */
export function shiftMonth(month: string, months: number): string {
  return addMonths(`${month}-01`, months).slice(0, 7);
}

export function daysInMonthOf(month: string): number {
  return daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time an instant shows in a time zone. */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function wallAsUtc(t: WallTime): number {
  return epochDay(t) * DAY_MS + ((t.hour * 60 + t.minute) * 60 + t.second) * 1000;
}

/** The zone's offset from UTC at an instant, in milliseconds (whole seconds). */
function offsetAt(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtc(wallTimeAt(whole, timeZone)) - whole;
}

/**
 * The instant a wall-clock time names in a time zone, resolved as Temporal's `disambiguation`
 * does: a time repeated when clocks go back is its first (`earlier`) or second (`later`)
 * occurrence; a time skipped when they go forward is moved by the size of the gap — forward for
 * `compatible` and `later`, back for `earlier`. `compatible` is the earlier of a repeated time.
 */
export function instantOfWallTime(
  time: WallTime,
  timeZone: string,
  disambiguation: "compatible" | "earlier" | "later" = "compatible",
): number {
  const local = wallAsUtc(time);
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const candidates = [...new Set([local - before, local - after])]
    .filter((instant) => wallAsUtc(wallTimeAt(instant, timeZone)) === local)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return disambiguation === "later" ? candidates[candidates.length - 1]! : candidates[0]!;
  // In a gap: read the time with the offset from before the change (later) or after it (earlier).
  return disambiguation === "earlier" ? local - after : local - before;
}

/** The calendar day an instant falls on in a time zone. */
export function dateAt(epochMs: number, timeZone: string): string {
  return formatDate(wallTimeAt(epochMs, timeZone));
}

/** Today's date in a time zone. */
export function todayInZone(timeZone: string): string {
  return dateAt(Date.now(), timeZone);
}

/** The calendar day (YYYY-MM-DD) an instant (a Date, or an ISO string as JSON has it) falls on in a time zone. */
export function dateInZone(instant: string | Date, timeZone: string): string {
  return dateAt(new Date(instant).getTime(), timeZone);
}

/** An instant as Temporal prints it: "2026-03-09T14:00:00Z" (fractions only when there are some). */
export function instantString(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d*?)0*Z$/, (_, fraction: string) => (fraction ? `.${fraction}Z` : "Z"));
}
