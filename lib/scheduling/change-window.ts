// The online change window, in one place for the server and every screen: a patient may cancel or
// move an appointment themselves until `windowHours` before it starts; after that only the hospital
// can. Pure and client-safe.

const HOUR_MS = 3_600_000;

/** Whether a patient may still cancel or move an appointment starting at `startsAt` themselves. */
export function changeableOnline(startsAt: Date | string, windowHours: number, now: Date = new Date()): boolean {
  return new Date(startsAt).getTime() - now.getTime() >= windowHours * HOUR_MS;
}

/** The window as people say it: whole days from two days on ("3 days"), else hours ("24 hours", "1 hour"). */
export function windowSpan(hours: number): { unit: "days"; days: number } | { unit: "hours"; hours: number } {
  if (hours >= 48 && hours % 24 === 0) return { unit: "days", days: hours / 24 };
  return { unit: "hours", hours };
}
