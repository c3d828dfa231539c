import "server-only";
import { and, eq } from "drizzle-orm";
import type { Appointment, AppointmentMode, AppointmentStatus, BookedVia, Canceller } from "@/lib/db/schema";
import { providers } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError, type ConflictingAppointment } from "@/lib/errors/app-error";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { recordAppointmentUsage } from "@/lib/billing/limits";
import { afterCommit } from "@/lib/db/tenant";
import { countBooking, countCancellation, countNoShow } from "@/lib/observability/metrics";
import { patientsRepo } from "@/lib/patients/repository";
import { appointmentsRepo } from "./appointments-repository";
import { schedulingFacts } from "./availability";
import { assertBookable } from "./booking-rules";
import { holdsRepo } from "./holds-repository";
import { hashToken, randomToken } from "@/lib/auth/links";
import { queueAppointmentEmail } from "./notify";
import { canUndo, LIVE_STATUSES, statusLabel } from "./status";
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
  /**
   * Staff bookings: refuse (conflict:patient_overlap, naming the other visits) when the patient
   * already has a live appointment at that time with anyone, unless these are exactly the ones
   * the caller saw and chose to book over. Online bookings never look (a visitor learns nothing).
   */
  patientOverlap?: { acknowledgedAppointmentIds: string[] };
  /** A visit of a recurring series (the series row exists in the same transaction). */
  seriesId?: string | null;
  /** The location the patient or desk chose: the provider must work there that day. */
  locationId?: string | null;
};

/** The refusal's view of an appointment: ids, times as ISO strings, names. */
export function conflictingAppointment(row: {
  id: string;
  patientId: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  patientName: string;
  providerName: string;
  appointmentTypeName: string;
}): ConflictingAppointment {
  return {
    id: row.id,
    patientId: row.patientId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    status: row.status,
    patientName: row.patientName,
    providerName: row.providerName,
    appointmentTypeName: row.appointmentTypeName,
  };
}

async function assertNoPatientOverlap(
  ctx: ServiceContext,
  { patientId, startsAt, endsAt, acknowledged }: { patientId: string; startsAt: Date; endsAt: Date; acknowledged: string[] },
) {
  const others = await appointmentsRepo(ctx.tx, ctx.orgId).listOverlapping({
    patientId,
    from: startsAt,
    to: endsAt,
    statuses: LIVE_STATUSES,
  });
  const unseen = others.filter((o) => !acknowledged.includes(o.id));
  if (!unseen.length) return;
  const first = others[0]!;
  throw new ConflictError(
    "patient_overlap",
    others.length === 1
      ? `${first.patientName} already has an appointment with ${first.providerName} at that time.`
      : `${first.patientName} already has ${others.length} appointments at that time.`,
    { appointments: others.map(conflictingAppointment) },
  );
}

/** Serialises bookings and holds of one provider (the exclusion constraint stays the final word). */
export async function lockProvider(ctx: ServiceContext, providerId: string): Promise<void> {
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
  const placed = await assertBookable(ctx, facts, {
    providerId: input.providerId,
    startsAt,
    policy: input.online ? "patient" : "staff",
    holdToken: input.holdToken,
    locationId: input.locationId,
  });
  if (input.patientOverlap && !input.online) {
    await assertNoPatientOverlap(ctx, {
      patientId: input.patientId,
      startsAt,
      endsAt,
      acknowledged: input.patientOverlap.acknowledgedAppointmentIds,
    });
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
      seriesId: input.seriesId ?? null,
      locationId: placed.locationId,
      resourceId: placed.resourceId,
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
  afterCommit(() => countBooking(input.bookedVia));
  return appointment;
}

/** A short hold while the patient enters their details. Returns the hold token (shown once). */
export async function placeHold(
  ctx: ServiceContext,
  input: { providerId: string; appointmentTypeId: string; startsAt: Date; mode: AppointmentMode; locationId?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const facts = await schedulingFacts(ctx.tx, ctx.orgId, { ...input, online: true });
  const { type } = facts;
  await holdsRepo(ctx.tx, ctx.orgId).sweepExpired({ now: new Date() });
  await lockProvider(ctx, input.providerId);
  const placed = await assertBookable(ctx, facts, {
    providerId: input.providerId,
    startsAt: input.startsAt,
    policy: "patient",
    locationId: input.locationId,
  });
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
    resourceId: placed.resourceId,
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
  if (to === "no_show") {
    await offerFreedSlot(ctx, appointment);
    afterCommit(countNoShow);
  }
  return appointment;
}

/**
 * Takes back a status change made moments ago: `current` is what the change left (its status and
 * last update), `previous` the status before it. Refused (conflict:status_changed) when anything
 * has changed the appointment since; a no-show taken back holds the time again, so a time given to
 * someone else meanwhile is a conflict too (the exclusion constraint).
 */
export async function undoStatusChange(
  ctx: ServiceContext,
  { id, previous, current }: { id: string; previous: AppointmentStatus; current: { status: AppointmentStatus; updatedAt: Date } },
): Promise<Appointment> {
  if (!canUndo(previous, current.status)) {
    throw new ValidationError(
      `A change from ${statusLabel(previous).toLowerCase()} to ${statusLabel(current.status).toLowerCase()} cannot be undone.`,
      undefined,
      "invalid:status_transition",
    );
  }
  const restored = await appointmentsRepo(ctx.tx, ctx.orgId).restoreStatus({ id, expected: current, restore: previous });
  if (!restored) throw new ConflictError("status_changed", "The appointment has changed since, so nothing was undone. Reload to see it.");
  await ctx.audit({
    action: "update",
    resourceType: "appointment",
    resourceId: id,
    patientId: restored.patientId,
    metadata: { status: previous, undone: current.status },
  });
  return restored;
}

export async function cancelAppointment(
  ctx: ServiceContext,
  {
    id,
    reason,
    notify = true,
    offerToWaitlist = true,
    by,
  }: { id: string; reason?: string | null; notify?: boolean; offerToWaitlist?: boolean; by: Canceller },
): Promise<Appointment> {
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).cancel({ id, reason, by });
  await ctx.audit({
    action: "update",
    resourceType: "appointment",
    resourceId: id,
    patientId: appointment.patientId,
    metadata: { status: "cancelled" },
  });
  if (notify) await queueAppointmentEmail(ctx.tx, ctx.orgId, appointment, "cancellation");
  if (offerToWaitlist && appointment.startsAt.getTime() > Date.now()) await offerFreedSlot(ctx, appointment);
  afterCommit(countCancellation);
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
  const placed = await assertBookable(ctx, facts, {
    providerId: targetProvider,
    startsAt,
    policy: online ? "patient" : "staff",
    movingAppointmentId: id,
  });
  const moved = await repo.reschedule({ id, startsAt, endsAt, providerId: targetProvider, ...placed });
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
