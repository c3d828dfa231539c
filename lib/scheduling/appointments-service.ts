import "server-only";
import { intakeOf } from "@/lib/intake/service";
import { seriesSummary } from "./series";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import type { AppointmentMode, Organization } from "@/lib/db/schema";
import { locationsRepo } from "@/lib/locations/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import type { MemberContext, ServiceContext } from "@/lib/tenancy/service-context";
import { appointmentsRepo } from "./appointments-repository";
import { findSlots } from "./availability";
import { memberAppointments } from "./day-view";
import { telehealthUrl } from "./notify";
import { allowedTransitions } from "./status";

// What the staff schedule and the appointments API read: one appointment with everything around
// it, a range of the member's schedule, and free times by staff rules. The REST handlers and the
// server actions call the same functions.

/** An appointment with its patient, provider and type, the video link and the allowed next statuses (audited). */
export async function appointmentDetail(ctx: ServiceContext, id: string) {
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).get({ id });
  const settings = await organizationRepo(ctx.tx, ctx.orgId).getSettings();
  const patient = await patientsRepo(ctx.tx, ctx.orgId).get({ id: appointment.patientId });
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id: appointment.providerId });
  const type = await appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id: appointment.appointmentTypeId });
  await ctx.audit({ action: "view", resourceType: "appointment", resourceId: id, patientId: appointment.patientId });
  return {
    ...appointment,
    telehealthUrl: appointment.mode === "telehealth" ? telehealthUrl(settings.telehealthBaseUrl, appointment.telehealthRoom) : null,
    allowedTransitions: allowedTransitions(appointment.status),
    patient: {
      id: patient.id,
      name: `${patient.firstName} ${patient.lastName}`,
      mrn: patient.mrn,
      dateOfBirth: patient.dateOfBirth,
      email: patient.email,
      phone: patient.phone,
    },
    provider: { id: provider.id, name: provider.name },
    appointmentType: { id: type.id, name: type.name, durationMinutes: type.durationMinutes },
    series: await seriesSummary(ctx, appointment),
    /** The visit's intake form and the patient's answers (read under the view recorded above). */
    intake: await intakeOf(ctx, appointment),
  };
}

/** The most rows one schedule range returns (a busy week of every provider fits easily). */
const SCHEDULE_ROWS = 1000;

/**
 * The schedule between two days (in the organization's zone): the member's view — a clinician's
 * own appointments, everyone else's choice of one provider or all — optionally only those at one
 * location (the schedule's room columns). A provider or location id this organization does not
 * have is not found, exactly like one that does not exist.
 */
export async function scheduleAppointments(
  ctx: MemberContext,
  organization: Organization,
  { from, to, providerId, locationId }: { from: string; to: string; providerId?: string; locationId?: string },
) {
  if (providerId) await providersRepo(ctx.tx, ctx.orgId).get({ id: providerId });
  if (locationId) await locationsRepo(ctx.tx, ctx.orgId).get({ id: locationId });
  const view = await memberAppointments(ctx, organization, { from, to, providerId, locationId, limit: SCHEDULE_ROWS });
  return { data: view.data, scope: view.scope, from: view.from, to: view.to, truncated: view.nextCursor !== null };
}

/** Free times for a type (and a provider, or any) between two days, by staff rules: no minimum notice, the staff horizon. */
export async function staffSlots(
  ctx: ServiceContext,
  query: {
    appointmentTypeId: string;
    providerId?: string;
    locationId?: string;
    mode: AppointmentMode;
    fromDate: string;
    toDate: string;
    movingAppointmentId?: string;
  },
) {
  const { slots, facts } = await findSlots(ctx.tx, ctx.orgId, { ...query, online: false });
  return {
    data: slots.map((s) => ({ providerId: s.providerId, locationId: s.locationId ?? null, startsAt: s.startsAt, endsAt: s.endsAt })),
    timeZone: facts.organization.timeZone,
  };
}

export type AppointmentDetail = Awaited<ReturnType<typeof appointmentDetail>>;
export type Schedule = Awaited<ReturnType<typeof scheduleAppointments>>;
export type ScheduleAppointment = Schedule["data"][number];
export type FreeTimes = Awaited<ReturnType<typeof staffSlots>>;
