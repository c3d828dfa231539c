import { createEvent, type DateArray } from "ics";
import { dateLocale, emailTranslator } from "@/lib/i18n/translator";
import { CONTROL_CHARACTERS } from "@/lib/validation/fields";

// Pure: the e-mails the product sends (appointment mails with their calendar attachment, waiting
// list offers, invitations). Times are written in the organization's time zone and labelled with
// it; the .ics carries UTC instants. Mails to patients are in the patient's language (`language`,
// English when absent); invitations go to staff and stay English.
//
// Every value someone typed (a patient's name, a provider's or type's name, the hospital's name
// and address) goes through oneLine() before it is placed: the schemas already refuse line breaks
// and control characters, and this keeps rows written before them from forging a line of the
// body or of the Subject. Mails are plain text only: no HTML part for typed text to become markup
// in. Subjects hold no patient input: a fixed text and the hospital's display name.

export type AppointmentMailKind = "confirmation" | "cancellation" | "reschedule" | "reminder_24h" | "reminder_2h";

export type AppointmentMailFacts = {
  kind: AppointmentMailKind;
  appointmentId: string;
  organizationName: string;
  organizationPhone?: string | null;
  organizationAddress?: string | null;
  timeZone: string;
  patientFirstName: string;
  providerName: string;
  typeName: string;
  startsAt: Date;
  endsAt: Date;
  mode: "in_person" | "telehealth";
  telehealthUrl?: string | null;
  manageUrl?: string | null;
  previousStartsAt?: Date | null;
  /** An online visitor's link to prove their e-mail address (the confirmation of an online booking). */
  confirmContactUrl?: string | null;
  /** Increases with every change, so calendars replace the earlier event. */
  sequence?: number;
  /** The patient's language ("en", "es"). */
  language?: string | null;
};

const EVERY_CONTROL = new RegExp(CONTROL_CHARACTERS.source, "gu");

/**
 * Typed text as one line: line breaks, tabs and other control characters become a space, runs of
 * spaces one, at most `max` characters (whole code points, so an emoji is never cut in half).
 */
export function oneLine(value: string | null | undefined, max = 200): string {
  const text = (value ?? "").replace(EVERY_CONTROL, " ").replace(/ {2,}/g, " ").trim();
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

/** An RFC 5322 mailbox `"Display Name" <address>` whose name cannot add an address or a header. */
export function mailbox(displayName: string, address: string): string {
  const name = oneLine(displayName, 80).replace(/["\\]/g, "\\$&");
  return name ? `"${name}" <${address}>` : address;
}

export function formatWhen(date: Date, timeZone: string, language?: string | null): string {
  return new Intl.DateTimeFormat(dateLocale(language), {
    timeZone,
    weekday: "long",
    month: "long",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

function utcArray(date: Date): DateArray {
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()];
}

export function appointmentIcs(facts: AppointmentMailFacts): string {
  const cancelled = facts.kind === "cancellation";
  const t = emailTranslator(facts.language);
  const organization = oneLine(facts.organizationName);
  const { error, value } = createEvent({
    uid: `${facts.appointmentId}@agentcare`,
    sequence: facts.sequence ?? 0,
    method: cancelled ? "CANCEL" : "REQUEST",
    status: cancelled ? "CANCELLED" : "CONFIRMED",
    start: utcArray(facts.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: utcArray(facts.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    title: t("calendarTitle", { type: oneLine(facts.typeName), provider: oneLine(facts.providerName), organization }),
    description:
      facts.mode === "telehealth" && facts.telehealthUrl
        ? t("calendarVideo", { url: oneLine(facts.telehealthUrl, 500) })
        : t("calendarAt", { organization }),
    location:
      facts.mode === "telehealth"
        ? oneLine(facts.telehealthUrl, 500) || t("calendarVideoPlace")
        : oneLine(facts.organizationAddress) || organization,
    productId: "agentcare/scheduling",
  });
  if (error || !value) throw new Error(`could not build calendar file: ${error?.message ?? "unknown"}`);
  return value;
}

export function appointmentEmail(facts: AppointmentMailFacts): { subject: string; text: string; ics: string } {
  const t = emailTranslator(facts.language);
  const when = formatWhen(facts.startsAt, facts.timeZone, facts.language);
  const [name, type, provider, organization] = [
    oneLine(facts.patientFirstName, 80),
    oneLine(facts.typeName),
    oneLine(facts.providerName),
    oneLine(facts.organizationName),
  ];
  const lines = [t("hello", { name }), ""];
  switch (facts.kind) {
    case "confirmation":
      lines.push(t("confirmation", { type, provider, organization, when }));
      break;
    case "cancellation":
      lines.push(t("cancellation", { type, provider, when }));
      break;
    case "reschedule":
      lines.push(
        facts.previousStartsAt
          ? t("rescheduleFrom", { type, provider, when, previous: formatWhen(facts.previousStartsAt, facts.timeZone, facts.language) })
          : t("reschedule", { type, provider, when }),
      );
      break;
    default:
      lines.push(t("reminder", { type, provider, organization, when }));
  }
  if (facts.kind !== "cancellation") {
    lines.push("");
    if (facts.mode === "telehealth") {
      lines.push(t("videoJoin", { url: facts.telehealthUrl ? oneLine(facts.telehealthUrl, 500) : t("videoLinkLater") }));
    } else if (facts.organizationAddress) {
      lines.push(t("where", { address: oneLine(facts.organizationAddress) }));
    }
    if (facts.manageUrl) lines.push("", t("manage", { url: oneLine(facts.manageUrl, 1000) }));
    if (facts.confirmContactUrl) lines.push("", t("confirmContact", { url: oneLine(facts.confirmContactUrl, 1000) }));
  }
  if (facts.organizationPhone) lines.push("", t("questions", { organization, phone: oneLine(facts.organizationPhone, 40) }));
  lines.push("", `— ${organization}`);
  return {
    subject: `${t(`subjects.${facts.kind}`)} — ${oneLine(facts.organizationName, 120)}`,
    text: lines.join("\n"),
    ics: appointmentIcs(facts),
  };
}

export type WaitlistOfferFacts = {
  organizationName: string;
  timeZone: string;
  patientFirstName: string;
  typeName: string;
  providerName: string;
  startsAt: Date;
  claimUrl: string;
  /** The patient's language ("en", "es"). */
  language?: string | null;
};

/** The offer of a freed time to people on the waiting list (the first to claim it gets it). */
export function waitlistOfferEmail(facts: WaitlistOfferFacts): { subject: string; text: string } {
  const organization = oneLine(facts.organizationName);
  const t = emailTranslator(facts.language);
  const when = formatWhen(facts.startsAt, facts.timeZone, facts.language);
  return {
    subject: `${t("offerSubject")} — ${oneLine(facts.organizationName, 120)}`,
    text: [
      t("hello", { name: oneLine(facts.patientFirstName, 80) }),
      "",
      t("offerFree", { type: oneLine(facts.typeName), provider: oneLine(facts.providerName), when }),
      t("offerRule"),
      "",
      t("offerClaim", { url: oneLine(facts.claimUrl, 1000) }),
      "",
      `— ${organization}`,
    ].join("\n"),
  };
}

export type InvitationFacts = { organizationName: string; role: string; days: number; acceptUrl: string };

/** An invitation to join an organization's staff. */
export function invitationEmail(facts: InvitationFacts): { subject: string; text: string } {
  const organization = oneLine(facts.organizationName);
  return {
    subject: `You're invited to ${oneLine(facts.organizationName, 120)} on AgentCare`,
    text: [
      "Hello,",
      "",
      `You have been invited to join ${organization} on AgentCare as ${oneLine(facts.role, 40)}.`,
      `Accept within ${facts.days} days: ${oneLine(facts.acceptUrl, 1000)}`,
      "",
      `— ${organization}`,
    ].join("\n"),
  };
}

export type AccessReportMailFacts = {
  organizationName: string;
  /** The record's language when a record has the address, else the language the request was made in. */
  language?: string | null;
  /** The record the address belongs to, with its report link; null when the hospital has none. */
  record: { firstName: string; url: string; hours: number } | null;
};

/** The answer to a request for an access report: the link to the report, or that there is nothing to report. */
export function accessReportEmail(facts: AccessReportMailFacts): { subject: string; text: string } {
  const organization = oneLine(facts.organizationName);
  const t = emailTranslator(facts.language);
  const body = facts.record
    ? [
        t("hello", { name: oneLine(facts.record.firstName, 80) }),
        "",
        t("accessReportAsked", { organization }),
        t("accessReportLink", { url: oneLine(facts.record.url, 1000), hours: facts.record.hours }),
      ]
    : [t("helloNobody"), "", t("accessReportAsked", { organization }), t("accessReportNoRecord", { organization })];
  return {
    subject: `${t("accessReportSubject")} — ${oneLine(facts.organizationName, 120)}`,
    text: [...body, "", t("accessReportNotYou"), "", `— ${organization}`].join("\n"),
  };
}
