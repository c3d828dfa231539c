// "Add to calendar" links for web calendars. Pure and client-safe. Times go as UTC instants (no
// guessing of the visitor's zone); Google is also told the hospital's zone so it shows the event
// in the time the patient was given.

export type CalendarEvent = {
  title: string;
  details: string;
  location: string;
  startsAt: string | Date;
  endsAt: string | Date;
  timeZone: string;
};

/** 2026-03-09T14:00:00.000Z → 20260309T140000Z (RFC 5545 UTC form, as Google expects). */
export function compactUtc(instant: string | Date): string {
  return new Date(instant)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

const isoUtc = (instant: string | Date) => new Date(instant).toISOString().replace(/\.\d{3}Z$/, "Z");

export function googleCalendarUrl(event: CalendarEvent): string {
  const q = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${compactUtc(event.startsAt)}/${compactUtc(event.endsAt)}`,
    details: event.details,
    location: event.location,
    ctz: event.timeZone,
  });
  return `https://calendar.google.com/calendar/render?${q}`;
}

export function outlookCalendarUrl(event: CalendarEvent): string {
  const q = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: isoUtc(event.startsAt),
    enddt: isoUtc(event.endsAt),
    body: event.details,
    location: event.location,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${q}`;
}
