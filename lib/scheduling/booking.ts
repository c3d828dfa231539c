import "server-only";
import { and, eq } from "drizzle-orm";
import type { Appointment, AppointmentMode, AppointmentStatus, BookedVia } from "@/lib/db/schema";
import { providers } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { recordAppointmentUsage } from "@/lib/billing/limits";
import { patientsRepo } from "@/lib/patients/repository";
import { appointmentsRepo } from "./appointments-repository";
import { findSlots, schedulingFacts } from "./availability";
import { holdsRepo } from "./holds-repository";
import { hashToken, randomToken } from "@/lib/auth/links";
import { queueAppointmentEmail } from "./notify";
import { offerFreedSlot } from "./waitlist";

import { Temporal } from "temporal-polyfill";

export const HOLD_MINUTES = 10;
export const TAKEN_MESSAGE = "That time was just taken. Please choose another time.";

export type BookingInput = {
  patientId: string;
  providerId: string;
  appointmentTypeId: string;
  startsAt: Date;
  mode: AppointmentMode;
  reason?: string | null;
  notes?: string | null;
  bookedVia: BookedVia;
  /** Online bookings must land on a computed slot and may consume their own hold. */
  online: boolean;
  holdToken?: string | null;
};

function localDate(date: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** Serialises bookings and holds of one provider (the exclusion constraint stays the final word). */
async function lockProvider(ctx: ServiceContext, providerId: string): Promise<void> {
  const rows = await ctx.tx
    .select({ id: providers.id })
    .from(providers)
    .where(and(eq(providers.organizationId, ctx.orgId), eq(providers.id, providerId)))
    .for("update");
  if (!rows.length) throw new NotFoundError("provider");
}

async function assertNoForeignHold(ctx: ServiceContext, providerId: string, from: Date, to: Date, holdToken?: string | null) {
  const clash = await holdsRepo(ctx.tx, ctx.orgId).liveOverlapping({
    providerId,
    from,
    to,
    now: new Date(),
    exceptTokenHash: holdToken ? hashToken(holdToken) : undefined,
  });
  if (clash.length) throw new ConflictError("appointment_overlap", TAKEN_MESSAGE);
}

export async function bookAppointment(ctx: ServiceContext, input: BookingInput): Promise<Appointment> {
  const facts = await schedulingFacts(ctx.tx, ctx.orgId, {
    appointmentTypeId: input.appointmentTypeId,
    providerId: input.providerId,
    mode: input.mode,
    online: input.online,
  });
  const { type, organization } = facts;
  await patientsRepo(ctx.tx, ctx.orgId).get({ id: input.patientId });
  const startsAt = input.startsAt;
  const endsAt = new Date(startsAt.getTime() + type.durationMinutes * 60_000);
  if (startsAt.getTime() < Date.now() - 5 * 60_000) {
    throw new ValidationError("That time is in the past.", undefined, "invalid:starts_at");
  }
  await lockProvider(ctx, input.providerId);
  const blockFrom = new Date(startsAt.getTime() - type.bufferBeforeMinutes * 60_000);
  const blockTo = new Date(endsAt.getTime() + type.bufferAfterMinutes * 60_000);
  await assertNoForeignHold(ctx, input.providerId, blockFrom, blockTo, input.holdToken);
  if (input.online) {
    const day = localDate(startsAt, organization.timeZone);
    const { slots } = await findSlots(ctx.tx, ctx.orgId, {
      appointmentTypeId: type.id,
      providerId: input.providerId,
      mode: input.mode,
      fromDate: day,
      toDate: day,
      online: true,
    });
    // The patient's own hold blocks the slot in findSlots; it does not count against them.
    const ownHold = input.holdToken
      ? await holdsRepo(ctx.tx, ctx.orgId).findByToken({ tokenHash: hashToken(input.holdToken), now: new Date() })
      : undefined;
    const onGrid = slots.some((s) => s.startsAt.getTime() === startsAt.getTime());
    const heldByMe = ownHold && ownHold.providerId === input.providerId && ownHold.startsAt.getTime() === startsAt.getTime();
    if (!onGrid && !heldByMe) throw new ConflictError("appointment_overlap", TAKEN_MESSAGE);
  }
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
  await queueAppointmentEmail(ctx.tx, ctx.orgId, appointment, "confirmation");
  return appointment;
}

/** A short hold while the patient enters their details. Returns the hold token (shown once). */
export async function placeHold(
  ctx: ServiceContext,
  input: { providerId: string; appointmentTypeId: string; startsAt: Date; mode: AppointmentMode },
): Promise<{ token: string; expiresAt: Date }> {
  const { type, organization } = await schedulingFacts(ctx.tx, ctx.orgId, { ...input, online: true });
  await holdsRepo(ctx.tx, ctx.orgId).sweepExpired({ now: new Date() });
  await lockProvider(ctx, input.providerId);
  const day = localDate(input.startsAt, organization.timeZone);
  const { slots } = await findSlots(ctx.tx, ctx.orgId, { ...input, fromDate: day, toDate: day, online: true });
  if (!slots.some((s) => s.startsAt.getTime() === input.startsAt.getTime())) {
    throw new ConflictError("appointment_overlap", TAKEN_MESSAGE);
  }
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
 * Moves an appointment atomically: the new time is checked (slot grid for online changes, holds,
 * then the exclusion constraint) and taken, and the old time freed, in the caller's transaction.
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
  if (startsAt.getTime() < Date.now()) throw new ValidationError("That time is in the past.", undefined, "invalid:starts_at");
  await lockProvider(ctx, targetProvider);
  await assertNoForeignHold(
    ctx,
    targetProvider,
    new Date(startsAt.getTime() - current.bufferBeforeMinutes * 60_000),
    new Date(endsAt.getTime() + current.bufferAfterMinutes * 60_000),
  );
  if (online) {
    const day = localDate(startsAt, facts.organization.timeZone);
    // The appointment's own current time must not block its new time: compute without it.
    const { slots } = await findSlots(ctx.tx, ctx.orgId, {
      appointmentTypeId: current.appointmentTypeId,
      providerId: targetProvider,
      mode: current.mode,
      fromDate: day,
      toDate: day,
      online: true,
    });
    const overlapsSelf = current.startsAt < endsAt && startsAt < current.endsAt && targetProvider === current.providerId;
    if (!overlapsSelf && !slots.some((s) => s.startsAt.getTime() === startsAt.getTime())) {
      throw new ConflictError("appointment_overlap", TAKEN_MESSAGE);
    }
  }
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
  return appointment.startsAt.getTime() - now.getTime() >= windowHours * 3_600_000;
}
