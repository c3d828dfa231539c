import { Temporal } from "temporal-polyfill";

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** [start, end) of a calendar day in a time zone: 23 or 25 hours on daylight-saving days. */
// dayBounds is asked for the same few days over and over (every day list, every schedule), and
// working them out through the time-zone rules costs more than the query that uses them.
const BOUNDS_KEPT = 1024;
const boundsKept = new Map<string, readonly [number, number]>();

export function dayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const key = `${date} ${timeZone}`;
  let bounds = boundsKept.get(key);
  if (!bounds) {
    const day = Temporal.PlainDate.from(date, { overflow: "reject" });
    const from = day.toZonedDateTime({ timeZone });
    const to = day.add({ days: 1 }).toZonedDateTime({ timeZone });
    bounds = [from.epochMilliseconds, to.epochMilliseconds] as const;
    if (boundsKept.size >= BOUNDS_KEPT) boundsKept.delete(boundsKept.keys().next().value!);
    boundsKept.set(key, bounds);
  }
  // New Date objects on every call: a caller may change its own.
  return { from: new Date(bounds[0]), to: new Date(bounds[1]) };
}

export function todayIn(timeZone: string, now: Date = new Date()): string {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real calendar date written YYYY-MM-DD (the proleptic Gregorian calendar, as Temporal reads it).
 * Checked by arithmetic: every request with a date validates one, and parsing it through the
 * Temporal polyfill cost more than the rest of the validation.
 */
export function isValidDate(date: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}
