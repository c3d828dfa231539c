import "server-only";
import { ConflictError, NotFoundError } from "@/lib/errors/app-error";
import { addTimeOff } from "@/lib/providers/service";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { appointmentsRepo } from "./appointments-repository";
import { cancelAppointment, conflictingAppointment, lockProvider } from "./booking";
import { CHANGEABLE_STATUSES } from "./status";

// Time off never lands silently on booked appointments: the ones it covers are named, and each is
// either cancelled (the patient is told) or knowingly kept to be rescheduled by hand.

/** What the patient reads as the reason when their appointment is cancelled for a time off (never the private reason). */
export const TIME_OFF_CANCEL_REASON = "The provider is not available at that time.";

export type TimeOffRequest = {
  startsAt: Date;
  endsAt: Date;
  reason?: string | null;
  /** Covered appointments to cancel, each with a cancellation e-mail to the patient. */
  cancelAppointmentIds?: string[];
  /** Covered appointments the caller has seen and keeps (to reschedule them). */
  keepAppointmentIds?: string[];
};

/** The provider's booked (still changeable) appointments that [startsAt, endsAt) overlaps. */
export async function appointmentsCoveredBy(ctx: ServiceContext, providerId: string, range: { startsAt: Date; endsAt: Date }) {
  return appointmentsRepo(ctx.tx, ctx.orgId).listOverlapping({
    providerId,
    from: range.startsAt,
    to: range.endsAt,
    statuses: CHANGEABLE_STATUSES,
  });
}

/**
 * Adds time off. When it covers booked appointments, every one of them must be named either to
 * cancel or to keep; otherwise nothing is saved and the refusal (conflict:time_off_bookings) lists
 * them all. Naming an appointment the time off does not cover is not found.
 */
export async function addTimeOffOverBookings(ctx: ServiceContext, providerId: string, request: TimeOffRequest) {
  const { cancelAppointmentIds = [], keepAppointmentIds = [], ...timeOff } = request;
  // The provider's lock keeps a booking from slipping in between the check and the insert.
  await lockProvider(ctx, providerId);
  const covered = await appointmentsCoveredBy(ctx, providerId, timeOff);
  const coveredIds = new Set(covered.map((c) => c.id));
  for (const id of [...cancelAppointmentIds, ...keepAppointmentIds]) if (!coveredIds.has(id)) throw new NotFoundError("appointment");
  const decided = new Set([...cancelAppointmentIds, ...keepAppointmentIds]);
  if (covered.some((c) => !decided.has(c.id))) {
    throw new ConflictError(
      "time_off_bookings",
      covered.length === 1
        ? "This time off covers a booked appointment: cancel it or keep it to reschedule."
        : `This time off covers ${covered.length} booked appointments: cancel them or keep them to reschedule.`,
      { appointments: covered.map(conflictingAppointment) },
    );
  }
  const cancel = new Set(cancelAppointmentIds);
  // The freed times fall inside the time off: nobody on the waiting list is offered them.
  for (const c of covered)
    if (cancel.has(c.id)) await cancelAppointment(ctx, { id: c.id, reason: TIME_OFF_CANCEL_REASON, offerToWaitlist: false, by: "staff" });
  const row = await addTimeOff(ctx, providerId, timeOff);
  return {
    timeOff: row,
    cancelledAppointmentIds: covered.filter((c) => cancel.has(c.id)).map((c) => c.id),
    keptAppointmentIds: covered.filter((c) => !cancel.has(c.id)).map((c) => c.id),
  };
}

export type TimeOffAdded = Awaited<ReturnType<typeof addTimeOffOverBookings>>;
