import "server-only";
import crypto from "node:crypto";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import type { Appointment } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { isChangeable } from "@/lib/scheduling/status";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { cardImageProblem, cardImageType } from "./card-image";
import type { InsuranceMode, IntakeQuestion } from "./questions";
import { intakeFormsRepo, intakeResponsesRepo, type StoredIntake } from "./repository";
import { checkIntake, normalizeQuestions, type IntakeSubmission } from "./schemas";
import type { intakeFormSchema } from "./schemas";
import type { z } from "zod";

// Intake forms: the questions an organization asks before a visit of a type (and, where it turns
// it on, the patient's insurance), and the answers given — by the patient while booking or through
// the manage link before the visit, or by staff for them. What the staff screens' actions, the
// /api/v1 handlers and the public booking pages all call. Answers are patient data: every read
// and write is audited.

export type IntakeFormView = { appointmentTypeId: string; questions: IntakeQuestion[]; version: number; updatedAt: Date | null };

/** What a patient is asked for a visit of one type. */
export type IntakeAsk = { questions: IntakeQuestion[]; insurance: InsuranceMode };

/** An appointment's intake: what is asked now, and what was answered (without the photo's bytes). */
export type AppointmentIntake = IntakeAsk & {
  response: (Omit<StoredIntake, "cardImageType" | "appointmentId"> & { hasCard: boolean }) | null;
};

export async function intakeFormFor(ctx: ServiceContext, appointmentTypeId: string): Promise<IntakeFormView> {
  await appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id: appointmentTypeId });
  const form = await intakeFormsRepo(ctx.tx, ctx.orgId).get({ appointmentTypeId });
  return { appointmentTypeId, questions: form?.questions ?? [], version: form?.version ?? 0, updatedAt: form?.updatedAt ?? null };
}

export async function setIntakeForm(
  ctx: ServiceContext,
  appointmentTypeId: string,
  input: z.infer<typeof intakeFormSchema>,
): Promise<IntakeFormView> {
  await appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id: appointmentTypeId });
  const questions = normalizeQuestions(input.questions, () => crypto.randomUUID());
  const form = await intakeFormsRepo(ctx.tx, ctx.orgId).put({ appointmentTypeId, questions });
  await ctx.audit({
    action: "update",
    resourceType: "intake_form",
    resourceId: appointmentTypeId,
    metadata: { questions: questions.length, version: form.version },
  });
  return { appointmentTypeId, questions: form.questions, version: form.version, updatedAt: form.updatedAt };
}

export async function intakeSettings(ctx: ServiceContext): Promise<{ insurance: InsuranceMode }> {
  return { insurance: (await organizationRepo(ctx.tx, ctx.orgId).getSettings()).insuranceIntake };
}

export async function setIntakeSettings(ctx: ServiceContext, input: { insurance: InsuranceMode }): Promise<{ insurance: InsuranceMode }> {
  const row = await organizationRepo(ctx.tx, ctx.orgId).updateSettings({ patch: { insuranceIntake: input.insurance } });
  await ctx.audit({ action: "update", resourceType: "settings", resourceId: ctx.orgId, metadata: { fields: ["insuranceIntake"] } });
  return { insurance: row.insuranceIntake };
}

/** What a visit of this type asks the patient (no form and insurance off: nothing). */
export async function intakeAsk(ctx: ServiceContext, appointmentTypeId: string): Promise<IntakeAsk> {
  const form = await intakeFormsRepo(ctx.tx, ctx.orgId).get({ appointmentTypeId });
  const { insurance } = await intakeSettings(ctx);
  return { questions: form?.questions ?? [], insurance };
}

/** The forms of every type at once, for the booking page. */
export async function intakeAsks(ctx: ServiceContext, appointmentTypeIds: string[]): Promise<Map<string, IntakeAsk>> {
  const { insurance } = await intakeSettings(ctx);
  const repo = intakeFormsRepo(ctx.tx, ctx.orgId);
  const asks = new Map<string, IntakeAsk>();
  for (const id of appointmentTypeIds) asks.set(id, { questions: (await repo.get({ appointmentTypeId: id }))?.questions ?? [], insurance });
  return asks;
}

/** Whether a visit asks anything at all. */
export const asksAnything = (ask: IntakeAsk) => ask.questions.length > 0 || ask.insurance !== "off";

/** The answers of a booking checked before it is made: a ValidationError changes nothing. */
export async function checkBookingIntake(ctx: ServiceContext, appointmentTypeId: string, submission: IntakeSubmission | undefined) {
  const ask = await intakeAsk(ctx, appointmentTypeId);
  if (!asksAnything(ask)) return null;
  return checkIntake(ask.questions, ask.insurance, submission ?? { answers: {} });
}

async function write(
  ctx: ServiceContext,
  appointment: Appointment,
  checked: NonNullable<Awaited<ReturnType<typeof checkBookingIntake>>>,
  by: "patient" | "staff",
) {
  const { created, row } = await intakeResponsesRepo(ctx.tx, ctx.orgId).put({ appointmentId: appointment.id, ...checked, submittedBy: by });
  await ctx.audit({
    action: created ? "create" : "update",
    resourceType: "intake",
    resourceId: appointment.id,
    patientId: appointment.patientId,
    metadata: { by, answers: checked.answers.filter((a) => a.value !== null).length, insurance: checked.insurance !== null },
  });
  return row;
}

/** Stores the answers a booking came with (checked by `checkBookingIntake`). */
export async function saveBookingIntake(
  ctx: ServiceContext,
  appointment: Appointment,
  checked: Awaited<ReturnType<typeof checkBookingIntake>>,
): Promise<void> {
  if (checked) await write(ctx, appointment, checked, "patient");
}

function responseView(stored: StoredIntake | undefined): AppointmentIntake["response"] {
  if (!stored) return null;
  const { cardImageType: type, appointmentId: _appointmentId, ...rest } = stored;
  return { ...rest, hasCard: type !== null };
}

/** An appointment's intake for whoever may see the appointment (the read is audited by the caller's view). */
export async function intakeOf(ctx: ServiceContext, appointment: Appointment): Promise<AppointmentIntake> {
  const ask = await intakeAsk(ctx, appointment.appointmentTypeId);
  return { ...ask, response: responseView(await intakeResponsesRepo(ctx.tx, ctx.orgId).get({ appointmentId: appointment.id })) };
}

/** Staff and API clients: an appointment's intake, audited as a view of the patient's data. */
export async function appointmentIntake(ctx: ServiceContext, appointmentId: string): Promise<AppointmentIntake> {
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).get({ id: appointmentId });
  const intake = await intakeOf(ctx, appointment);
  await ctx.audit({ action: "view", resourceType: "intake", resourceId: appointment.id, patientId: appointment.patientId });
  return intake;
}

/** Whether answers can still be given: patients until the visit starts, staff until it is cancelled. */
function assertOpen(appointment: Appointment, by: "patient" | "staff") {
  if (appointment.status === "cancelled" || appointment.status === "no_show") {
    throw new ValidationError("This appointment is no longer taking place.", undefined, "invalid:status_transition");
  }
  if (by === "patient" && (!isChangeable(appointment.status) || appointment.startsAt.getTime() <= Date.now())) {
    throw new ValidationError(
      "The form can be filled in until the visit starts. Please bring your answers with you.",
      undefined,
      "invalid:status_transition",
    );
  }
}

/** Answers given after booking (the manage link, staff, the API), replacing earlier ones. */
export async function submitIntake(
  ctx: ServiceContext,
  appointment: Appointment,
  submission: IntakeSubmission,
  by: "patient" | "staff",
): Promise<AppointmentIntake> {
  assertOpen(appointment, by);
  const ask = await intakeAsk(ctx, appointment.appointmentTypeId);
  if (!asksAnything(ask)) throw new ValidationError("This appointment has no intake form.", undefined, "invalid:value");
  const row = await write(ctx, appointment, checkIntake(ask.questions, ask.insurance, submission), by);
  return { ...ask, response: responseView(row) };
}

export async function submitAppointmentIntake(ctx: ServiceContext, appointmentId: string, submission: IntakeSubmission) {
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).get({ id: appointmentId });
  return submitIntake(ctx, appointment, submission, "staff");
}

/** A photo of the insurance card, kept with the answers (which must exist, with insurance asked). */
export async function setCardImage(ctx: ServiceContext, appointment: Appointment, bytes: Buffer, by: "patient" | "staff"): Promise<void> {
  assertOpen(appointment, by);
  if ((await intakeSettings(ctx)).insurance === "off") {
    throw new ValidationError("This hospital does not ask for insurance details.", undefined, "invalid:value");
  }
  const problem = cardImageProblem(bytes);
  if (problem) throw new ValidationError(problem, { card: [problem] });
  const saved = await intakeResponsesRepo(ctx.tx, ctx.orgId).setCard({
    appointmentId: appointment.id,
    image: { bytes, type: cardImageType(bytes)! },
  });
  if (!saved) throw new ValidationError("Fill in the form first, then add the photo of your card.", undefined, "invalid:value");
  await ctx.audit({
    action: "update",
    resourceType: "intake",
    resourceId: appointment.id,
    patientId: appointment.patientId,
    metadata: { by, card: true },
  });
}

/** The card photo for staff, audited as an export of patient data; undefined when there is none. */
export async function cardImageOf(ctx: ServiceContext, appointmentId: string) {
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).get({ id: appointmentId });
  const image = await intakeResponsesRepo(ctx.tx, ctx.orgId).card({ appointmentId });
  if (image) {
    await ctx.audit({
      action: "view",
      resourceType: "intake",
      resourceId: appointmentId,
      patientId: appointment.patientId,
      metadata: { card: true },
    });
  }
  return image;
}

export async function setAppointmentCardImage(ctx: ServiceContext, appointmentId: string, bytes: Buffer) {
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).get({ id: appointmentId });
  await setCardImage(ctx, appointment, bytes, "staff");
}
