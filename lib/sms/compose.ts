import { dateLocale, smsTranslator } from "@/lib/i18n/translator";

// The texts patients receive. Pure: short (one or two SMS segments), no patient name or reason,
// the hospital's name first so the patient knows who writes; in the patient's language (`language`,
// English when absent).

function when(date: Date, timeZone: string, language?: string | null): string {
  return new Intl.DateTimeFormat(dateLocale(language), {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

export type VisitFacts = {
  organizationName: string;
  timeZone: string;
  startsAt: Date;
  providerName: string;
  typeName: string;
  /** The patient's language ("en", "es"). */
  language?: string | null;
};
type VisitTime = Pick<VisitFacts, "organizationName" | "timeZone" | "startsAt" | "language">;

export function reminderText(v: VisitFacts): string {
  return smsTranslator(v.language)("reminder", {
    organization: v.organizationName,
    type: v.typeName,
    provider: v.providerName,
    when: when(v.startsAt, v.timeZone, v.language),
  });
}

export function releaseText(v: VisitFacts & { bookUrl: string }): string {
  return smsTranslator(v.language)("release", {
    organization: v.organizationName,
    type: v.typeName,
    when: when(v.startsAt, v.timeZone, v.language),
    url: v.bookUrl,
  });
}

export function confirmedText(v: VisitTime): string {
  return smsTranslator(v.language)("confirmed", { organization: v.organizationName, when: when(v.startsAt, v.timeZone, v.language) });
}

export function rescheduleText(v: VisitTime & { manageUrl: string }): string {
  return smsTranslator(v.language)("reschedule", {
    organization: v.organizationName,
    when: when(v.startsAt, v.timeZone, v.language),
    url: v.manageUrl,
  });
}

export function nothingToConfirmText(organizationName: string, language?: string | null): string {
  return smsTranslator(language)("nothingToConfirm", { organization: organizationName });
}

export function helpText(organizationName: string, language?: string | null): string {
  return smsTranslator(language)("help", { organization: organizationName });
}

export function stoppedText(organizationName: string, language?: string | null): string {
  return smsTranslator(language)("stopped", { organization: organizationName });
}

export function startedText(organizationName: string, language?: string | null): string {
  return smsTranslator(language)("started", { organization: organizationName });
}

/** A TwiML answer: one reply message, or none. */
export function twiml(message: string | null): string {
  const escaped = message?.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${escaped ? `<Message>${escaped}</Message>` : ""}</Response>`;
}
