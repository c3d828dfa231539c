import { Temporal } from "temporal-polyfill";

export type ZonedParse = { ok: true; instant: string } | { ok: false; error: string };

/**
 * A `datetime-local` value ("2026-03-09T14:00") read as wall-clock time in `timeZone`, as an ISO
 * instant. A time skipped by a daylight-saving change is refused; a repeated one (the hour after
 * clocks go back) takes the earlier or later occurrence, so a start and an end can cover it all.
 */
export function zonedLocalToInstant(value: string, timeZone: string, prefer: "earlier" | "later" = "earlier"): ZonedParse {
  let local: Temporal.PlainDateTime;
  try {
    local = Temporal.PlainDateTime.from(value, { overflow: "reject" });
  } catch {
    return { ok: false, error: "Enter a date and time." };
  }
  const zoned = local.toZonedDateTime(timeZone, { disambiguation: prefer });
  if (!zoned.toPlainDateTime().equals(local)) {
    return { ok: false, error: "That time does not exist on this day: the clocks move forward. Choose a time after the change." };
  }
  return { ok: true, instant: zoned.toInstant().toString() };
}

/** "2026-03-09T14:00" for a datetime-local input, from an instant, in `timeZone`. */
export function instantToZonedLocal(instant: string, timeZone: string): string {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: "minute" });
}
