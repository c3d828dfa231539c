import crypto from "node:crypto";
import { expect } from "@playwright/test";
import { sessionCookieFrom } from "./api";
import { PERSONAS } from "./personas";
import { expectStatus, PublicSite, StaffSite, type Reply } from "./public-client";
import { hostOf, SUNSET, type DemoTenant } from "./tenants";

// What the scheduling specs share: the public booking API's shapes, slot choice, patients, and the
// hospital-zone formatting the pages must use.

export type BookingOptions = {
  organization: { name: string; timeZone: string; phone: string | null };
  enableOnlineBooking: boolean;
  cancellationWindowHours: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  types: { id: string; name: string; durationMinutes: number; telehealthAllowed: boolean }[];
  providers: { id: string; name: string; appointmentTypeIds: string[] }[];
};
export type Slot = { providerId: string; startsAt: string; endsAt: string };
export type PatientDetails = { firstName: string; lastName: string; dateOfBirth: string; email: string; phone?: string };
export type Booked = { id: string; startsAt: string; endsAt: string; mode: string; manageToken: string; manageUrl: string };
export type ManageSummary = {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  patientFirstName: string;
  providerId: string;
  providerName: string;
  appointmentTypeId: string;
  appointmentTypeName: string;
  cancellationWindowHours: number;
  canChange: boolean;
};
export type StaffAppointment = {
  id: string;
  startsAt: string;
  endsAt: string;
  status: string;
  providerId: string;
  patientId: string;
  patientName: string;
  appointmentTypeName: string;
};
export type OutboxRow = { id: string; kind: string; appointmentId: string | null; toEmail: string; subject: string; status: string };

const HOUR = 3_600_000;
export const LIVE = ["scheduled", "confirmed", "checked_in"] as const;

/** A short random tag that keeps one run's patients apart from another's. */
export const runTag = () => crypto.randomBytes(3).toString("hex");

let patientCount = 0;
/**
 * A new patient nobody has booked as before (unique e-mail and first name). Patients made with the
 * same `family` share a last name, so a name search finds exactly that group.
 */
export function newPatient(role: string, family = `E2e${runTag()}`): PatientDetails {
  patientCount += 1;
  const n = patientCount;
  return {
    firstName: `${role}${n}`.replace(/[^A-Za-z0-9]/g, ""),
    lastName: family,
    dateOfBirth: `19${50 + (n % 49)}-0${1 + (n % 9)}-1${n % 10}`,
    email: `${role}.${family}.${n}@example.com`.toLowerCase(),
    phone: "+1 555 0100",
  };
}

// ---- zone formatting: the same Intl calls the pages make, so labels can be compared ----

/** Whitespace as Chromium and Node may differ (U+202F before AM/PM in newer ICU). */
export const squash = (s: string) => s.replace(/\s+/g, " ").trim();

export function localDate(instant: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
}

export function todayIn(timeZone: string): string {
  return localDate(new Date(), timeZone);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function timeLabel(instant: string, timeZone: string): string {
  return squash(new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(instant)));
}

export function dayLabel(instant: string, timeZone: string): string {
  return squash(new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric" }).format(new Date(instant)));
}

export function mondayOf(date: string): string {
  const dow = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

// ---- public booking API ----

export class BookingSite {
  constructor(readonly site: PublicSite) {}

  static of(tenant: DemoTenant, from?: string): BookingSite {
    return new BookingSite(new PublicSite(hostOf(tenant), from));
  }

  async options(): Promise<BookingOptions> {
    return (await this.site.json<{ data: BookingOptions }>("/api/v1/public/booking-options")).data;
  }

  /** The ids of a named online type and provider; fails if the hospital does not offer them. */
  async pick(typeName: string, providerName: string) {
    const options = await this.options();
    const type = options.types.find((t) => t.name === typeName);
    const provider = options.providers.find((p) => p.name === providerName);
    expect(type, `online type "${typeName}" in ${JSON.stringify(options.types.map((t) => t.name))}`).toBeDefined();
    expect(provider, `online provider "${providerName}"`).toBeDefined();
    expect(provider!.appointmentTypeIds).toContain(type!.id);
    return { options, typeId: type!.id, providerId: provider!.id, timeZone: options.organization.timeZone };
  }

  async slots({
    typeId,
    providerId,
    from,
    days = 21,
  }: {
    typeId: string;
    providerId?: string;
    from: string;
    days?: number;
  }): Promise<Slot[]> {
    const q = new URLSearchParams({ type: typeId, from, to: addDays(from, days - 1) });
    if (providerId) q.set("provider", providerId);
    return (await this.site.json<{ data: Slot[] }>(`/api/v1/public/availability?${q}`)).data;
  }

  book(input: {
    typeId: string;
    providerId: string;
    startsAt: string;
    patient: PatientDetails;
    holdToken?: string;
  }): Promise<Reply<{ data: Booked }>> {
    return this.site.post<{ data: Booked }>("/api/v1/public/bookings", {
      appointmentTypeId: input.typeId,
      providerId: input.providerId,
      startsAt: input.startsAt,
      mode: "in_person",
      holdToken: input.holdToken,
      patient: input.patient,
    });
  }

  async mustBook(input: Parameters<BookingSite["book"]>[0]): Promise<Booked> {
    const reply = await this.book(input);
    expectStatus(reply, 201, `online booking at ${input.startsAt}`);
    return reply.body.data;
  }

  manage(token: string) {
    return this.site.get<{ data: ManageSummary }>(`/api/v1/public/manage/${token}`);
  }

  cancel(token: string, reason?: string) {
    return this.site.post<{ data: ManageSummary }>(`/api/v1/public/manage/${token}/cancel`, reason ? { reason } : {});
  }

  reschedule(token: string, startsAt: string) {
    return this.site.post<{ data: ManageSummary }>(`/api/v1/public/manage/${token}/reschedule`, { startsAt });
  }
}

/** Free online slots for one provider and type starting at least `minLeadHours` from now. */
export async function slotsAhead(
  booking: BookingSite,
  {
    typeId,
    providerId,
    timeZone,
    minLeadHours,
    maxLeadHours = Infinity,
  }: { typeId: string; providerId: string; timeZone: string; minLeadHours: number; maxLeadHours?: number },
): Promise<Slot[]> {
  const now = Date.now();
  const slots = await booking.slots({ typeId, providerId, from: todayIn(timeZone) });
  return slots.filter((s) => {
    const lead = new Date(s.startsAt).getTime() - now;
    return lead >= minLeadHours * HOUR && lead <= maxLeadHours * HOUR;
  });
}

export const isOffered = (slots: Slot[], startsAt: string, providerId: string) =>
  slots.some((s) => s.providerId === providerId && new Date(s.startsAt).getTime() === new Date(startsAt).getTime());

// ---- staff API (Sunset Clinic's owner) ----

export function sunsetOwner(): StaffSite {
  return new StaffSite(hostOf(SUNSET), sessionCookieFrom(PERSONAS.sunsetOwner.storageState));
}

export async function staffAppointment(
  staff: StaffSite,
  id: string,
): Promise<StaffAppointment & { patient: { email: string | null; name: string } }> {
  return (await staff.json<{ data: StaffAppointment & { patient: { email: string | null; name: string } } }>(`/api/v1/appointments/${id}`))
    .data;
}

/** Live (not cancelled or no-show) appointments of a provider overlapping [startsAt, endsAt). */
export async function liveOverlapping(
  staff: StaffSite,
  { providerId, startsAt, endsAt, timeZone }: { providerId: string; startsAt: string; endsAt: string; timeZone: string },
) {
  const from = localDate(new Date(new Date(startsAt).getTime() - 24 * HOUR), timeZone);
  const to = localDate(endsAt, timeZone);
  const body = await staff.json<{ data: StaffAppointment[] }>(
    `/api/v1/appointments?from=${from}&to=${to}&provider=${providerId}&status=${LIVE.join(",")}&limit=200`,
  );
  const s = new Date(startsAt).getTime();
  const e = new Date(endsAt).getTime();
  return body.data.filter((a) => new Date(a.startsAt).getTime() < e && s < new Date(a.endsAt).getTime());
}

export async function outbox(staff: StaffSite): Promise<OutboxRow[]> {
  return (await staff.json<{ data: OutboxRow[] }>("/api/v1/notifications?limit=200")).data;
}

export const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();
