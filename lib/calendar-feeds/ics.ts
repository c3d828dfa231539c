import { createEvents, type DateArray, type EventAttributes } from "ics";
import type { AppointmentMode, AppointmentStatus } from "@/lib/db/schema/enum-values";
import { oneLine } from "@/lib/notifications/compose";

// Pure: a provider's calendar feed as iCalendar text. Times are UTC instants (every calendar
// app shows them in its own zone). Nothing a patient told the hospital goes in: no reason, no
// notes, no contact details; the patient's name only when the organization allows it, and the
// link back opens the visit in AgentCare, behind its sign-in.

export type FeedAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  mode: AppointmentMode;
  typeName: string;
  /** null unless the organization shows patient names in feeds. */
  patientName: string | null;
  updatedAt: Date;
  /** Where staff open the visit (the schedule, signed in). */
  openUrl: string;
};

export type FeedTimeOff = { id: string; startsAt: Date; endsAt: Date };

export type FeedFacts = {
  providerName: string;
  organizationName: string;
  organizationAddress: string | null;
  appointments: FeedAppointment[];
  timeOff: FeedTimeOff[];
};

const STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: "Scheduled",
  confirmed: "Confirmed",
  checked_in: "Checked in",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

/** How often calendar apps are asked to look again (those that honour it). */
export const FEED_REFRESH = "PT15M";

function utc(date: Date): DateArray {
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()];
}

function instant(date: Date) {
  return { value: utc(date), inputType: "utc" as const, outputType: "utc" as const };
}

function appointmentEvent(a: FeedAppointment, facts: FeedFacts): EventAttributes {
  const type = oneLine(a.typeName);
  const video = a.mode === "telehealth";
  const title = a.patientName ? `${oneLine(a.patientName, 120)} — ${type}` : type;
  const start = instant(a.startsAt);
  const end = instant(a.endsAt);
  return {
    uid: `${a.id}@agentcare`,
    lastModified: utc(a.updatedAt),
    start: start.value,
    startInputType: start.inputType,
    startOutputType: start.outputType,
    end: end.value,
    endInputType: end.inputType,
    endOutputType: end.outputType,
    title: video ? `${title} (video)` : title,
    description: [
      `${type} · ${STATUS_LABELS[a.status]}${video ? " · Video visit" : ""}`,
      `Open in AgentCare: ${oneLine(a.openUrl, 500)}`,
    ].join("\n"),
    location: video ? "Video visit" : oneLine(facts.organizationAddress) || oneLine(facts.organizationName),
    status: "CONFIRMED",
    busyStatus: "BUSY",
    url: a.openUrl,
  };
}

function timeOffEvent(t: FeedTimeOff): EventAttributes {
  const start = instant(t.startsAt);
  const end = instant(t.endsAt);
  return {
    uid: `time-off-${t.id}@agentcare`,
    start: start.value,
    startInputType: start.inputType,
    startOutputType: start.outputType,
    end: end.value,
    endInputType: end.inputType,
    endOutputType: end.outputType,
    title: "Time off",
    status: "CONFIRMED",
    busyStatus: "OOF",
  };
}

export function feedCalendar(facts: FeedFacts): string {
  const events = [...facts.appointments.map((a) => appointmentEvent(a, facts)), ...facts.timeOff.map(timeOffEvent)];
  const { error, value } = createEvents(events, {
    productId: "agentcare/calendar-feed",
    method: "PUBLISH",
    calName: `${oneLine(facts.providerName, 120)} — ${oneLine(facts.organizationName, 120)}`,
  });
  if (error || !value) throw new Error(`could not build the calendar feed: ${error?.message ?? "unknown"}`);
  // The library writes a one-hour TTL; clinicians want changes sooner.
  return value.replace("X-PUBLISHED-TTL:PT1H", `X-PUBLISHED-TTL:${FEED_REFRESH}\r\nREFRESH-INTERVAL;VALUE=DURATION:${FEED_REFRESH}`);
}
