// Labels for times and days, on Intl alone (calendar arithmetic is in lib/time/wall-clock.ts): the
// booking page's first load needs these and nothing more.

/** An instant as server actions send it (a Date) or JSON does (an ISO string). */
export type Instant = string | Date;

export function isoOf(instant: Instant): string {
  return typeof instant === "string" ? instant : instant.toISOString();
}

// `locale` is an Intl locale ("en-US", "es-ES"): patient pages pass their language's; staff pages are English.

export function dayLabel(instant: Instant, timeZone: string, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", month: "short", day: "numeric" }).format(new Date(instant));
}

export function timeLabel(instant: Instant, timeZone: string, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(instant));
}

/** "Eastern Time (America/New_York)" — the zone every time on the page is in. */
export function zoneLabel(timeZone: string, locale = "en-US"): string {
  const long = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" })
    .formatToParts(new Date())
    .find((p) => p.type === "timeZoneName")?.value;
  return long ? `${long} (${timeZone})` : timeZone;
}
