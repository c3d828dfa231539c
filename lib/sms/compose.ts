// The texts patients receive. Pure: short (one or two SMS segments), no patient name or reason,
// the hospital's name first so the patient knows who writes.

function when(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

export type VisitFacts = { organizationName: string; timeZone: string; startsAt: Date; providerName: string; typeName: string };

export function reminderText(v: VisitFacts): string {
  return `${v.organizationName}: reminder of your ${v.typeName} with ${v.providerName} on ${when(v.startsAt, v.timeZone)}. Reply C to confirm or R to reschedule. Reply STOP to opt out.`;
}

export function releaseText(v: VisitFacts & { bookUrl: string }): string {
  return `${v.organizationName}: your ${v.typeName} on ${when(v.startsAt, v.timeZone)} was not confirmed in time, so the time was released. To book again: ${v.bookUrl}`;
}

export function confirmedText(v: Pick<VisitFacts, "organizationName" | "timeZone" | "startsAt">): string {
  return `${v.organizationName}: thank you, your appointment on ${when(v.startsAt, v.timeZone)} is confirmed.`;
}

export function rescheduleText(v: Pick<VisitFacts, "organizationName" | "timeZone" | "startsAt"> & { manageUrl: string }): string {
  return `${v.organizationName}: we have told the team you would like to move your appointment on ${when(v.startsAt, v.timeZone)}. Choose a new time here: ${v.manageUrl}`;
}

export function nothingToConfirmText(organizationName: string): string {
  return `${organizationName}: we found no upcoming appointment for this number. Please call us if you need help.`;
}

export function helpText(organizationName: string): string {
  return `${organizationName}: reply C to confirm your next appointment, R to ask to reschedule it, STOP to stop texts.`;
}

export function stoppedText(organizationName: string): string {
  return `You are unsubscribed from ${organizationName} texts and will receive no more. Reply START to resubscribe.`;
}

export function startedText(organizationName: string): string {
  return `You are resubscribed to ${organizationName} texts. Reply STOP to unsubscribe.`;
}

/** A TwiML answer: one reply message, or none. */
export function twiml(message: string | null): string {
  const escaped = message?.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${escaped ? `<Message>${escaped}</Message>` : ""}</Response>`;
}
