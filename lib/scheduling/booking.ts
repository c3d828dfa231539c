import "server-only";
import { and, eq } from "drizzle-orm";
import type { Appointment, AppointmentMode, AppointmentStatus, BookedVia } from "@/lib/db/schema";
import { providers } from "@/lib/db/schema";
import { NotFoundError } from "@/lib/errors/app-error";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { recordAppointmentUsage } from "@/lib/billing/limits";
import { patientsRepo } from "@/lib/patients/repository";
import { appointmentsRepo } from "./appointments-repository";
import { schedulingFacts } from "./availability";
import { assertBookable } from "./booking-rules";
import { holdsRepo } from "./holds-repository";
import { hashToken, randomToken } from "@/lib/auth/links";
import { queueAppointmentEmail } from "./notify";
import { offerFreedSlot } from "./waitlist";
import { changeableOnline } from "./change-window";

export const HOLD_MINUTES = 10;
export { TAKEN_MESSAGE } from "./booking-rules";

export type BookingInput = {
  patientId: string;
  providerId: string;
  appointmentTypeId: string;
  startsAt: Date;
  mode: AppointmentMode;
  reason?: string | null;
  notes?: string | null;
  bookedVia: BookedVia;
  /**
   * Online bookings (and holds) follow the patient's rules — minimum notice, the online horizon,
   * online-bookable types and providers — and may consume their own hold; the others follow staff
   * rules (see BookingPolicy). Hours, grid, buffers and overlaps hold for both.
   */
  online: boolean;
  holdToken?: string | null;
  /** An online visitor's link to prove their e-mail, placed in the confirmation e-mail. */
  confirmContactUrl?: string | null;
};

/** Serialises bookings and holds of one provider (the exclusion constraint stays the final word). */
async function lockProvider(ctx: ServiceContext, providerId: string): Promise<void> {
  const rows = await ctx.tx
    .select({ id: providers.id })
    .from(providers)
    .where(and(eq(providers.organizationId, ctx.orgId), eq(providers.id, providerId)))
    .for("update");
  if (!rows.length) throw new NotFoundError("provider");
}

export async function bookAppointment(ctx: ServiceContext, input: BookingInput): Promise<Appointment> {
  const facts = await schedulingFacts(ctx.tx, ctx.orgId, {
    appointmentTypeId: input.appointmentTypeId,
    providerId: input.providerId,
    mode: input.mode,
    online: input.online,
  });
  const { type } = facts;
  await patientsRepo(ctx.tx, ctx.orgId).get({ id: input.patientId });
  const startsAt = input.startsAt;
  const endsAt = new Date(startsAt.getTime() + type.durationMinutes * 60_000);
  await lockProvider(ctx, input.providerId);
  await assertBookable(ctx, facts, {
    providerId: input.providerId,
    startsAt,
    policy: input.online ? "patient" : "staff",
    holdToken: input.holdToken,
  });
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).create({
    input: {
      patientId: input.patientId,
      providerId: input.providerId,
      appointmentTypeId: type.id,
      startsAt,
      endsAt,
      bufferBeforeMinutes: type.bufferBeforeMinutes,
      bufferAfterMinutes: type.bufferAfterMinutes,
      mode: input.mode,
      reason: input.reason ?? null,
      notes: input.notes ?? null,
      bookedVia: input.bookedVia,
      createdBy: ctx.actorUserId,
      telehealthRoom: input.mode === "telehealth" ? randomToken() : null,
    },
  });
  if (input.holdToken) await holdsRepo(ctx.tx, ctx.orgId).release({ tokenHash: hashToken(input.holdToken) });
  await recordAppointmentUsage(ctx.tx, ctx.orgId);
  await ctx.audit({
    action: "create",
    resourceType: "appointment",
    resourceId: appointment.id,
    patientId: appointment.patientId,
    metadata: { via: input.bookedVia },
  });
  await queueAppointmentEmail(ctx.tx, ctx.orgId, appointment, "confirmation", { confirmContactUrl: input.confirmContactUrl });
  return appointment;
}

/** A short hold while the patient enters their details. Returns the hold token (shown once). */
export async function placeHold(
  ctx: ServiceContext,
  input: { providerId: string; appointmentTypeId: string; startsAt: Date; mode: AppointmentMode },
): Promise<{ token: string; expiresAt: Date }> {
  const facts = await schedulingFacts(ctx.tx, ctx.orgId, { ...input, online: true });
  const { type } = facts;
  await holdsRepo(ctx.tx, ctx.orgId).sweepExpired({ now: new Date() });
  await lockProvider(ctx, input.providerId);
  await assertBookable(ctx, facts, { providerId: input.providerId, startsAt: input.startsAt, policy: "patient" });
  const token = randomToken();
  const expiresAt = new Date(Date.now() + HOLD_MINUTES * 60_000);
  await holdsRepo(ctx.tx, ctx.orgId).create({
    providerId: input.providerId,
    appointmentTypeId: type.id,
    mode: input.mode,
    startsAt: input.startsAt,
    endsAt: new Date(input.startsAt.getTime() + type.durationMinutes * 60_000),
    bufferBeforeMinutes: type.bufferBeforeMinutes,
    bufferAfterMinutes: type.bufferAfterMinutes,
    tokenHash: hashToken(token),
    expiresAt,
  });
  return { token, expiresAt };
}

export async function changeStatus(
  ctx: ServiceContext,
  { id, to }: { id: string; to: Exclude<AppointmentStatus, "cancelled"> },
): Promise<Appointment> {
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).transition({ id, to });
  await ctx.audit({
    action: "update",
    resourceType: "appointment",
    resourceId: id,
    patientId: appointment.patientId,
    metadata: { status: to },
  });
  if (to === "no_show") await offerFreedSlot(ctx, appointment);
  return appointment;
}

export async function cancelAppointment(
  ctx: ServiceContext,
  { id, reason, notify = true }: { id: string; reason?: string | null; notify?: boolean },
): Promise<Appointment> {
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).cancel({ id, reason });
  await ctx.audit({
    action: "update",
    resourceType: "appointment",
    resourceId: id,
    patientId: appointment.patientId,
    metadata: { status: "cancelled" },
  });
  if (notify) await queueAppointmentEmail(ctx.tx, ctx.orgId, appointment, "cancellation");
  if (appointment.startsAt.getTime() > Date.now()) await offerFreedSlot(ctx, appointment);
  return appointment;
}

/**
 * Moves an appointment atomically: the new time is checked by the same rules as a new booking
 * (`assertBookable`, with this appointment's old time left out, so it neither blocks the move nor
 * excuses a time outside hours or off the grid) and taken, and the old time freed, in the caller's
 * transaction. `online` moves (a patient's manage link) follow the patient's rules.
 */
export async function rescheduleAppointment(
  ctx: ServiceContext,
  { id, startsAt, providerId, online }: { id: string; startsAt: Date; providerId?: string; online: boolean },
): Promise<Appointment> {
  const repo = appointmentsRepo(ctx.tx, ctx.orgId);
  const current = await repo.get({ id, forUpdate: true });
  const targetProvider = providerId ?? current.providerId;
  const facts = await schedulingFacts(ctx.tx, ctx.orgId, {
    appointmentTypeId: current.appointmentTypeId,
    providerId: targetProvider,
    mode: current.mode,
    online,
  });
  const endsAt = new Date(startsAt.getTime() + facts.type.durationMinutes * 60_000);
  await lockProvider(ctx, targetProvider);
  await assertBookable(ctx, facts, { providerId: targetProvider, startsAt, policy: online ? "patient" : "staff", movingAppointmentId: id });
  const moved = await repo.reschedule({ id, startsAt, endsAt, providerId: targetProvider });
  await ctx.audit({
    action: "update",
    resourceType: "appointment",
    resourceId: id,
    patientId: moved.patientId,
    metadata: { rescheduledFrom: current.startsAt.toISOString(), to: startsAt.toISOString() },
  });
  await queueAppointmentEmail(ctx.tx, ctx.orgId, moved, "reschedule", { previousStartsAt: current.startsAt });
  if (current.startsAt.getTime() > Date.now()) await offerFreedSlot(ctx, { ...current });
  return moved;
}

/** Whether a patient may still cancel or move this appointment themselves. */
export function withinCancellationWindow(appointment: Pick<Appointment, "startsAt">, windowHours: number, now = new Date()): boolean {
  return changeableOnline(appointment.startsAt, windowHours, now);
}
