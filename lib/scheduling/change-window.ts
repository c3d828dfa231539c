// The online change window, in one place for the server and every screen: a patient may cancel or
// move an appointment themselves until `windowHours` before it starts; after that only the hospital
// can. Pure and client-safe.

const HOUR_MS = 3_600_000;

/** Whether a patient may still cancel or move an appointment starting at `startsAt` themselves. */
export function changeableOnline(startsAt: Date | string, windowHours: number, now: Date = new Date()): boolean {
  return new Date(startsAt).getTime() - now.getTime() >= windowHours * HOUR_MS;
}

/** "24 hours", "2 days", "1 hour": the window as people say it. */
export function windowText(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days`;
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}

/** The cancellation policy a patient reads before confirming a booking. */
export function changePolicyText(windowHours: number): string {
  if (windowHours === 0) return "You can change or cancel online at any time before the appointment.";
  return `You can change or cancel online up to ${windowText(windowHours)} before the appointment. After that, please contact the hospital.`;
}
