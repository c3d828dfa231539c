// Labels for times and days, on Intl alone (calendar arithmetic is in lib/time/wall-clock.ts): the
// booking page's first load needs these and nothing more.

/** An instant as server actions send it (a Date) or JSON does (an ISO string). */
export type Instant = string | Date;

export function isoOf(instant: Instant): string {
  return typeof instant === "string" ? instant : instant.toISOString();
}

export function dayLabel(instant: Instant, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric" }).format(new Date(instant));
}

export function timeLabel(instant: Instant, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(instant));
}

/** "Eastern Time (America/New_York)" — the zone every time on the page is in. */
export function zoneLabel(timeZone: string): string {
  const long = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longGeneric" })
    .formatToParts(new Date())
    .find((p) => p.type === "timeZoneName")?.value;
  return long ? `${long} (${timeZone})` : timeZone;
}
