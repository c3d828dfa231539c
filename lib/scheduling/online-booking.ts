import "server-only";
import { z } from "zod";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { email, formBoolean, isoDate, phone, singleLine, instantField } from "@/lib/validation/fields";
import { recordBookingSmsConsent } from "@/lib/sms/service";
import { toE164 } from "@/lib/sms/phone";
import { smsRepo } from "@/lib/sms/repository";
import type { Appointment, AppointmentMode } from "@/lib/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { addressLine, hospitalContact } from "@/lib/organizations/contact";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { confirmContactUrl, recordBookingContact } from "@/lib/patients/reconcile";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { appointmentsRepo } from "./appointments-repository";
import { bookAppointment, cancelAppointment, rescheduleAppointment, withinCancellationWindow } from "./booking";
import { MANAGE_PURPOSE, manageUrl, telehealthUrl } from "./notify";
import { verifyLinkToken } from "@/lib/auth/links";
import { isValidDate } from "@/lib/time/calendar";
import { isChangeable } from "./status";
import { telehealthAvailable } from "./telehealth";
import { schedulingFacts } from "./availability";
import { locationsRepo, providerLocationsRepo } from "@/lib/locations/repository";
import { placementFrom, weekOf } from "./placement";
import { joinWaitlist } from "./waitlist";
import { appointmentIcs } from "@/lib/notifications/compose";
import { intakeSubmissionSchema, type IntakeSubmission } from "@/lib/intake/schemas";
import { checkBookingIntake, intakeAsks, intakeOf, saveBookingIntake, setCardImage, submitIntake } from "@/lib/intake/service";
import { patientLanguages, type PatientLanguage } from "@/lib/db/schema/enum-values";
import { bookingLanguage, offeredLanguages } from "@/lib/i18n/locales";
import { emailTranslator } from "@/lib/i18n/translator";

export const patientDetailsSchema = z.object({
  firstName: singleLine(80).min(1, "Enter your first name."),
  lastName: singleLine(80).min(1, "Enter your last name."),
  dateOfBirth: isoDate
    .refine(isValidDate, "Enter a real date.")
    .refine((d) => d <= new Date().toISOString().slice(0, 10), "The date of birth cannot be in the future."),
  email,
  phone,
});

/** The language of the page the patient booked on; their e-mails and texts follow it. */
export const patientLanguageField = z.enum(patientLanguages, "Choose English or Spanish.").optional();

export const onlineBookingSchema = z.object({
  appointmentTypeId: z.uuid("Choose an appointment type."),
  providerId: z.uuid("Choose a provider."),
  startsAt: instantField("Choose a time."),
  mode: z.enum(["in_person", "telehealth"]).default("in_person"),
  locationId: z.uuid("locationId must be a location id.").optional(),
  holdToken: z.string().max(100).optional(),
  reason: singleLine(500).optional(),
  patient: patientDetailsSchema,
  /** The patient agrees to appointment texts (reminders, confirm-or-release) at the phone number given. */
  smsOptIn: formBoolean.optional(),
  /** Answers to the type's intake form (and insurance, where the hospital asks for it). */
  intake: intakeSubmissionSchema.optional(),
  language: patientLanguageField,
});

/** What the public booking page may show: online-bookable types, providers and the rules. */
export async function bookingOptions(ctx: ServiceContext) {
  const orgRepo = organizationRepo(ctx.tx, ctx.orgId);
  const [organization, settings, branding] = [await orgRepo.get(), await orgRepo.getSettings(), await orgRepo.getBranding()];
  const telehealth = telehealthAvailable({ plan: organization.plan, enableTelehealth: settings.enableTelehealth });
  const types = (await appointmentTypesRepo(ctx.tx, ctx.orgId).list({ activeOnly: true, onlineOnly: true })).map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    durationMinutes: t.durationMinutes,
    telehealthAllowed: t.telehealthAllowed && telehealth,
  }));
  const providers = (await providersRepo(ctx.tx, ctx.orgId).list({ activeOnly: true, limit: 500 })).filter((p) => p.acceptsOnlineBooking);
  const offered = await providerAvailabilityRepo(ctx.tx, ctx.orgId).offeredTypes({ providerIds: providers.map((p) => p.id) });
  const locations = await locationsRepo(ctx.tx, ctx.orgId).list({ activeOnly: true });
  const asks = await intakeAsks(
    ctx,
    types.map((t) => t.id),
  );
  const placement = placementFrom(locations, await providerLocationsRepo(ctx.tx, ctx.orgId).all());
  const placesOf = (providerId: string) => [...new Set([...(weekOf(placement, providerId)?.values() ?? [])].map((l) => l.id))];
  return {
    organization: {
      name: branding.displayName,
      timeZone: organization.timeZone,
      phone: organization.contactInfo.phone ?? null,
      contact: hospitalContact(branding.displayName, organization.address, organization.contactInfo),
    },
    enableOnlineBooking: settings.enableOnlineBooking,
    enableTelehealth: telehealth,
    /** Whether the booking form offers text reminders. */
    smsReminders: (await smsRepo(ctx.tx, ctx.orgId).getSettings())?.enabled ?? false,
    cancellationWindowHours: settings.cancellationWindowHours,
    minimumNoticeMinutes: settings.minimumNoticeMinutes,
    bookingHorizonDays: settings.bookingHorizonDays,
    types: settings.enableOnlineBooking ? types.map((t) => ({ ...t, intakeQuestions: asks.get(t.id)?.questions ?? [] })) : [],
    /** Whether bookings ask for insurance details: off, optional or required. */
    insurance: settings.insuranceIntake,
    /** Where patients can be seen, the main location first (several: the patient chooses one first). */
    locations: settings.enableOnlineBooking ? locations.map((l) => ({ id: l.id, name: l.name, address: l.address, phone: l.phone })) : [],
    providers: settings.enableOnlineBooking
      ? providers.map((p) => {
          const own = offered.filter((o) => o.providerId === p.id).map((o) => o.appointmentTypeId);
          return {
            id: p.id,
            name: p.name,
            title: p.title,
            specialty: p.specialty,
            offersTelehealth: p.offersTelehealth && telehealth,
            locationIds: placesOf(p.id),
            appointmentTypeIds: own.length ? own : types.map((t) => t.id),
          };
        })
      : [],
  };
}

/**
 * An online booking from an anonymous visitor: the appointment goes on a new unverified record
 * with the details typed (never a lookup of the hospital's patients, so the answer, the work done
 * and what is written are the same whoever the e-mail belongs to), and the confirmation e-mail
 * carries the link that proves the address (see lib/patients/reconcile.ts).
 */
export async function bookOnline(ctx: ServiceContext, input: z.infer<typeof onlineBookingSchema>) {
  // The answers are checked first: a mistake in them books nothing.
  const intake = await checkBookingIntake(ctx, input.appointmentTypeId, input.intake);
  const patient = await recordBookingContact(ctx, input.patient, await languageToRecord(ctx, input.language));
  if (input.smsOptIn) {
    if (!toE164(input.patient.phone)) {
      throw new ValidationError("Please correct the highlighted fields.", {
        "patient.phone": ["Enter a mobile number to get text reminders (with its country code outside North America)."],
      });
    }
    await recordBookingSmsConsent(ctx, patient);
  }
  const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
  const appointment = await bookAppointment(ctx, {
    patientId: patient.id,
    providerId: input.providerId,
    appointmentTypeId: input.appointmentTypeId,
    startsAt: input.startsAt,
    mode: input.mode as AppointmentMode,
    locationId: input.locationId ?? null,
    reason: input.reason ?? null,
    bookedVia: "online",
    online: true,
    holdToken: input.holdToken ?? null,
    confirmContactUrl: confirmContactUrl(organization.slug, ctx.orgId, patient.id),
  });
  await saveBookingIntake(ctx, appointment, intake);
  return { appointment, manageUrl: manageUrl(organization.slug, ctx.orgId, appointment) };
}

/** An anonymous visitor joins the waiting list: like a booking, on a new unverified record of their own. */
export async function joinWaitlistOnline(
  ctx: ServiceContext,
  input: {
    appointmentTypeId: string;
    providerId?: string;
    earliestDate: string;
    latestDate: string;
    patient: z.infer<typeof patientDetailsSchema>;
    language?: PatientLanguage;
  },
) {
  await schedulingFacts(ctx.tx, ctx.orgId, {
    appointmentTypeId: input.appointmentTypeId,
    providerId: input.providerId,
    mode: "in_person",
    online: true,
  });
  const patient = await recordBookingContact(ctx, input.patient, await languageToRecord(ctx, input.language));
  return joinWaitlist(ctx, { ...input, patientId: patient.id });
}

async function languageToRecord(ctx: ServiceContext, requested: PatientLanguage | undefined): Promise<PatientLanguage> {
  const settings = await organizationRepo(ctx.tx, ctx.orgId).getSettings();
  return bookingLanguage(requested, offeredLanguages(settings.patientLanguages));
}

/** The appointment a manage link names, in this organization only. */
export async function appointmentFromManageToken(ctx: ServiceContext, token: string): Promise<Appointment> {
  const claims = verifyLinkToken(token, MANAGE_PURPOSE);
  if (!claims || claims.orgId !== ctx.orgId) throw new NotFoundError("appointment", "This link is not valid or has expired.");
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).find({ id: claims.id });
  if (!appointment) throw new NotFoundError("appointment", "This link is not valid or has expired.");
  return appointment;
}

export async function manageSummary(ctx: ServiceContext, token: string) {
  const appointment = await appointmentFromManageToken(ctx, token);
  const orgRepo = organizationRepo(ctx.tx, ctx.orgId);
  const [settings, organization, branding] = [await orgRepo.getSettings(), await orgRepo.get(), await orgRepo.getBranding()];
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id: appointment.providerId });
  const type = await appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id: appointment.appointmentTypeId });
  const patient = await patientsRepo(ctx.tx, ctx.orgId).get({ id: appointment.patientId });
  await ctx.audit({
    action: "view",
    resourceType: "appointment",
    resourceId: appointment.id,
    patientId: appointment.patientId,
    metadata: { via: "manage_link" },
  });
  const live = isChangeable(appointment.status);
  const video = appointment.mode === "telehealth" ? telehealthUrl(settings.telehealthBaseUrl, appointment.telehealthRoom) : null;
  const contact = hospitalContact(branding.displayName, organization.address, organization.contactInfo);
  const location = appointment.locationId ? await locationsRepo(ctx.tx, ctx.orgId).get({ id: appointment.locationId }) : null;
  return {
    id: appointment.id,
    status: appointment.status,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    mode: appointment.mode,
    timeZone: organization.timeZone,
    patientFirstName: patient.firstName,
    providerId: provider.id,
    providerName: provider.name,
    appointmentTypeId: type.id,
    appointmentTypeName: type.name,
    /** Where the visit takes place, where the organization has locations. */
    locationId: location?.id ?? null,
    locationName: location?.name ?? null,
    telehealthUrl: video,
    cancellationWindowHours: settings.cancellationWindowHours,
    bookingHorizonDays: settings.bookingHorizonDays,
    canChange: live && withinCancellationWindow(appointment, settings.cancellationWindowHours),
    contact,
    calendar: calendarText({
      typeName: type.name,
      providerName: provider.name,
      contact,
      mode: appointment.mode,
      video,
      language: patient.preferredLanguage,
    }),
    /** The visit's intake form and what the patient answered (editable while the visit is ahead). */
    intake: await intakeOf(ctx, appointment),
    intakeOpen: isChangeable(appointment.status) && appointment.startsAt.getTime() > Date.now(),
  };
}

/** The words of a calendar entry for the visit: what the add-to-calendar links and the .ics file say. */
function calendarText(facts: {
  typeName: string;
  providerName: string;
  contact: { name: string; address: string | null };
  mode: AppointmentMode;
  video: string | null;
  language: PatientLanguage;
}) {
  const t = emailTranslator(facts.language);
  const title = t("calendarTitle", { type: facts.typeName, provider: facts.providerName, organization: facts.contact.name });
  if (facts.mode === "telehealth") {
    const place = t("calendarVideoPlace");
    return { title, details: facts.video ? t("calendarVideo", { url: facts.video }) : place, location: facts.video ?? place };
  }
  return { title, details: t("calendarAt", { organization: facts.contact.name }), location: facts.contact.address ?? facts.contact.name };
}

/**
 * The visit as an .ics file for the holder of its manage link: the same facts the manage page
 * shows (no patient details), in UTC instants. Another hospital's or a forged token is a 404.
 */
export async function manageCalendarFile(ctx: ServiceContext, token: string): Promise<string> {
  const appointment = await appointmentFromManageToken(ctx, token);
  const orgRepo = organizationRepo(ctx.tx, ctx.orgId);
  const [settings, organization, branding] = [await orgRepo.getSettings(), await orgRepo.get(), await orgRepo.getBranding()];
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id: appointment.providerId });
  const type = await appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id: appointment.appointmentTypeId });
  const patient = await patientsRepo(ctx.tx, ctx.orgId).get({ id: appointment.patientId });
  await ctx.audit({
    action: "export",
    resourceType: "appointment",
    resourceId: appointment.id,
    patientId: appointment.patientId,
    metadata: { via: "manage_link", format: "ics" },
  });
  return appointmentIcs({
    kind: appointment.status === "cancelled" ? "cancellation" : "confirmation",
    appointmentId: appointment.id,
    organizationName: branding.displayName,
    organizationAddress: addressLine(organization.address),
    organizationPhone: organization.contactInfo.phone ?? null,
    timeZone: organization.timeZone,
    patientFirstName: "",
    providerName: provider.name,
    typeName: type.name,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    mode: appointment.mode,
    telehealthUrl: telehealthUrl(settings.telehealthBaseUrl, appointment.telehealthRoom),
    sequence: Math.floor(appointment.updatedAt.getTime() / 1000) % 100000,
    language: patient.preferredLanguage,
  });
}

async function assertChangeable(ctx: ServiceContext, appointment: Appointment) {
  const settings = await organizationRepo(ctx.tx, ctx.orgId).getSettings();
  if (!isChangeable(appointment.status)) {
    throw new ValidationError("This appointment can no longer be changed online.", undefined, "invalid:status_transition");
  }
  if (!withinCancellationWindow(appointment, settings.cancellationWindowHours)) {
    throw new ValidationError(
      `Changes online are possible up to ${settings.cancellationWindowHours} hours before the appointment. Please call us.`,
      undefined,
      "invalid:cancellation_window",
    );
  }
}

export async function cancelByPatient(ctx: ServiceContext, token: string, reason?: string) {
  const appointment = await appointmentFromManageToken(ctx, token);
  await assertChangeable(ctx, appointment);
  return cancelAppointment(ctx, { id: appointment.id, reason: reason || "Cancelled by the patient online", by: "patient" });
}

export async function rescheduleByPatient(ctx: ServiceContext, token: string, startsAt: Date) {
  const appointment = await appointmentFromManageToken(ctx, token);
  await assertChangeable(ctx, appointment);
  return rescheduleAppointment(ctx, { id: appointment.id, startsAt, online: true });
}

/** The holder of a manage link fills in the visit's intake form (until the visit starts). */
export async function submitIntakeByPatient(ctx: ServiceContext, token: string, submission: IntakeSubmission) {
  const appointment = await appointmentFromManageToken(ctx, token);
  return submitIntake(ctx, appointment, submission, "patient");
}

/** The holder of a manage link adds a photo of their insurance card to the visit's intake. */
export async function cardImageByPatient(ctx: ServiceContext, token: string, bytes: Buffer) {
  const appointment = await appointmentFromManageToken(ctx, token);
  await setCardImage(ctx, appointment, bytes, "patient");
}
