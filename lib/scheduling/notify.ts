import "server-only";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import type { Appointment } from "@/lib/db/schema";
import type { TenantTx } from "@/lib/db/tenant";
import { appointmentEmail, type AppointmentMailKind } from "@/lib/notifications/compose";
import { outboxRepo } from "@/lib/notifications/outbox-repository";
import { addressLine } from "@/lib/organizations/contact";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import { organizationSiteUrl, signLinkToken } from "@/lib/auth/links";

export const MANAGE_PURPOSE = "manage-appointment";

export function manageUrl(orgSlug: string, orgId: string, appointment: Pick<Appointment, "id" | "endsAt">): string {
  const token = signLinkToken({ purpose: MANAGE_PURPOSE, orgId, id: appointment.id, expiresAt: appointment.endsAt });
  return organizationSiteUrl(orgSlug, `/appointments/manage/${token}`);
}

export function telehealthUrl(baseUrl: string | null, room: string | null): string | null {
  if (!room) return null;
  const base = (baseUrl ?? "https://telehealth.agentcare.invalid/room").replace(/\/+$/, "");
  return `${base}/${room}`;
}

/** Queues the e-mail about this appointment in the caller's transaction (the outbox pattern). */
export async function queueAppointmentEmail(
  tx: TenantTx,
  orgId: string,
  appointment: Appointment,
  kind: AppointmentMailKind,
  extra: { previousStartsAt?: Date | null; confirmContactUrl?: string | null } = {},
): Promise<void> {
  const patient = await patientsRepo(tx, orgId).get({ id: appointment.patientId });
  if (!patient.email) return;
  const orgRepo = organizationRepo(tx, orgId);
  const [organization, settings, branding] = [await orgRepo.get(), await orgRepo.getSettings(), await orgRepo.getBranding()];
  const provider = await providersRepo(tx, orgId).get({ id: appointment.providerId });
  const type = await appointmentTypesRepo(tx, orgId).get({ id: appointment.appointmentTypeId });
  const mail = appointmentEmail({
    kind,
    appointmentId: appointment.id,
    organizationName: branding.displayName,
    organizationPhone: organization.contactInfo.phone ?? null,
    organizationAddress: addressLine(organization.address),
    timeZone: organization.timeZone,
    patientFirstName: patient.firstName,
    providerName: provider.name,
    typeName: type.name,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    mode: appointment.mode,
    telehealthUrl: telehealthUrl(settings.telehealthBaseUrl, appointment.telehealthRoom),
    manageUrl: kind === "cancellation" ? null : manageUrl(organization.slug, orgId, appointment),
    previousStartsAt: extra.previousStartsAt ?? null,
    confirmContactUrl: extra.confirmContactUrl ?? null,
    sequence: Math.floor(appointment.updatedAt.getTime() / 1000) % 100000,
    language: patient.preferredLanguage,
  });
  await outboxRepo(tx, orgId).enqueue({
    kind,
    appointmentId: appointment.id,
    toEmail: patient.email,
    subject: mail.subject,
    bodyText: mail.text,
    icsContent: mail.ics,
  });
}
