import { Temporal } from "temporal-polyfill";

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** [start, end) of a calendar day in a time zone: 23 or 25 hours on daylight-saving days. */
export function dayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const day = Temporal.PlainDate.from(date, { overflow: "reject" });
  const from = day.toZonedDateTime({ timeZone });
  const to = day.add({ days: 1 }).toZonedDateTime({ timeZone });
  return { from: new Date(from.epochMilliseconds), to: new Date(to.epochMilliseconds) };
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

export function isValidDate(date: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  try {
    Temporal.PlainDate.from(date, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
}
