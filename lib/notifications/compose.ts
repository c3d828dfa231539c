import { createEvent, type DateArray } from "ics";

// Pure: the text and calendar attachment of appointment e-mails. Times are written in the
// organization's time zone and labelled with it; the .ics carries UTC instants.

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
  /** Increases with every change, so calendars replace the earlier event. */
  sequence?: number;
};

export function formatWhen(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
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
    title: `${facts.typeName} with ${facts.providerName} — ${facts.organizationName}`,
    description:
      facts.mode === "telehealth" && facts.telehealthUrl ? `Video visit: ${facts.telehealthUrl}` : `At ${facts.organizationName}`,
    location: facts.mode === "telehealth" ? (facts.telehealthUrl ?? "Video visit") : (facts.organizationAddress ?? facts.organizationName),
    productId: "agentcare/scheduling",
  });
  if (error || !value) throw new Error(`could not build calendar file: ${error?.message ?? "unknown"}`);
  return value;
}

const SUBJECTS: Record<AppointmentMailKind, string> = {
  confirmation: "Your appointment is confirmed",
  cancellation: "Your appointment has been cancelled",
  reschedule: "Your appointment has moved",
  reminder_24h: "Reminder: your appointment is tomorrow",
  reminder_2h: "Reminder: your appointment is in two hours",
};

export function appointmentEmail(facts: AppointmentMailFacts): { subject: string; text: string; ics: string } {
  const when = formatWhen(facts.startsAt, facts.timeZone);
  const lines = [`Hello ${facts.patientFirstName},`, ""];
  switch (facts.kind) {
    case "confirmation":
      lines.push(`Your ${facts.typeName} with ${facts.providerName} at ${facts.organizationName} is booked for ${when}.`);
      break;
    case "cancellation":
      lines.push(`Your ${facts.typeName} with ${facts.providerName} on ${when} has been cancelled.`);
      break;
    case "reschedule":
      lines.push(
        `Your ${facts.typeName} with ${facts.providerName} has moved${
          facts.previousStartsAt ? ` from ${formatWhen(facts.previousStartsAt, facts.timeZone)}` : ""
        } to ${when}.`,
      );
      break;
    default:
      lines.push(`This is a reminder of your ${facts.typeName} with ${facts.providerName} at ${facts.organizationName} on ${when}.`);
  }
  if (facts.kind !== "cancellation") {
    lines.push("");
    if (facts.mode === "telehealth") {
      lines.push(`This is a video visit. Join at: ${facts.telehealthUrl ?? "the link your clinic sends you"}`);
    } else if (facts.organizationAddress) {
      lines.push(`Where: ${facts.organizationAddress}`);
    }
    if (facts.manageUrl) lines.push("", `To cancel or reschedule: ${facts.manageUrl}`);
  }
  if (facts.organizationPhone) lines.push("", `Questions? Call ${facts.organizationName} at ${facts.organizationPhone}.`);
  lines.push("", `— ${facts.organizationName}`);
  return { subject: `${SUBJECTS[facts.kind]} — ${facts.organizationName}`, text: lines.join("\n"), ics: appointmentIcs(facts) };
}
