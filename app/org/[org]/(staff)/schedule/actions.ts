"use server";

import { cardImageOf } from "@/lib/intake/service";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { bookSeries, cancelSeriesFrom, previewSeries, rescheduleSeriesFrom } from "@/lib/scheduling/series";
import { cancelFollowingSchema, seriesBookSchema, seriesPreviewSchema } from "@/lib/scheduling/series-schemas";
import { appointmentDetail, scheduleAppointments, staffSlots } from "@/lib/scheduling/appointments-service";
import { bookAppointment, cancelAppointment, changeStatus, rescheduleAppointment, undoStatusChange } from "@/lib/scheduling/booking";
import {
  appointmentIdSchema,
  freeTimesActionSchema,
  cancelActionSchema,
  rescheduleActionSchema,
  scheduleRangeSchema,
  staffBookingActionSchema,
  statusChangeActionSchema,
  undoStatusActionSchema,
} from "@/lib/scheduling/schemas";

/** The member's schedule between two days: a clinician's own, everyone else's (or one provider's) for the rest. */
export const listAppointmentsAction = tenantAction(
  { name: "appointments.list", schema: scheduleRangeSchema, permission: "appointments:read" },
  async (input, ctx) => scheduleAppointments(ctx, ctx.organization, input),
);

/** One appointment with its patient, provider, type, video link and next statuses (audited). */
export const appointmentDetailAction = tenantAction(
  { name: "appointments.detail", schema: appointmentIdSchema, permission: "appointments:read" },
  async ({ id }, ctx) => appointmentDetail(ctx, id),
);

/** Free times for a type with a provider (or any), by staff rules; a move's own appointment does not block them. */
export const freeTimesAction = tenantAction(
  { name: "appointments.availability", schema: freeTimesActionSchema, permission: "appointments:read" },
  async (input, ctx) =>
    staffSlots(ctx, {
      appointmentTypeId: input.type,
      providerId: input.provider,
      locationId: input.location,
      mode: input.mode,
      fromDate: input.from,
      toDate: input.to,
      movingAppointmentId: input.moving,
    }),
);

/**
 * Books at the desk; the database has the final word on a clash (conflict:appointment_overlap).
 * A patient already booked at that time (with anyone) is refused with those visits
 * (conflict:patient_overlap) unless the member names them as seen in `acknowledgedOverlapIds`.
 */
export const bookAppointmentAction = tenantAction(
  { name: "appointments.book", schema: staffBookingActionSchema, permission: "appointments:write" },
  async ({ acknowledgedOverlapIds, ...input }, ctx) =>
    bookAppointment(ctx, {
      ...input,
      bookedVia: "staff",
      online: false,
      patientOverlap: { acknowledgedAppointmentIds: acknowledgedOverlapIds ?? [] },
    }),
);

export const changeStatusAction = tenantAction(
  { name: "appointments.status", schema: statusChangeActionSchema, permission: "appointments:write" },
  async ({ id, status }, ctx) => changeStatus(ctx, { id, to: status }),
);

/** Takes back a status change just made, only while nothing else has changed the appointment (conflict:status_changed). */
export const undoStatusAction = tenantAction(
  { name: "appointments.status.undo", schema: undoStatusActionSchema, permission: "appointments:write" },
  async ({ id, previous, current, changedAt }, ctx) =>
    undoStatusChange(ctx, { id, previous, current: { status: current, updatedAt: changedAt } }),
);

export const cancelAppointmentAction = tenantAction(
  { name: "appointments.cancel", schema: cancelActionSchema, permission: "appointments:write" },
  async ({ id, reason }, ctx) => cancelAppointment(ctx, { id, reason, by: "staff" }),
);

/** Moves an appointment atomically: the new time is taken and the old one freed together. */
export const rescheduleAppointmentAction = tenantAction(
  { name: "appointments.reschedule", schema: rescheduleActionSchema, permission: "appointments:write" },
  async ({ id, startsAt, providerId }, ctx) => rescheduleAppointment(ctx, { id, startsAt, providerId, online: false }),
);

/** A planned weekly series, each visit checked: free, or other free times that day. Books nothing. */
export const previewSeriesAction = tenantAction(
  { name: "appointments.series.preview", schema: seriesPreviewSchema, permission: "appointments:write" },
  async (input, ctx) => previewSeries(ctx, input),
);

/** Books the chosen visits of a series, all or none. */
export const bookSeriesAction = tenantAction(
  { name: "appointments.series.book", schema: seriesBookSchema, permission: "appointments:write" },
  async (input, ctx) => bookSeries(ctx, input),
);

/** Cancels this visit and the later ones of its series. */
export const cancelSeriesFromAction = tenantAction(
  { name: "appointments.series.cancel_following", schema: cancelFollowingSchema, permission: "appointments:write" },
  async (input, ctx) => cancelSeriesFrom(ctx, input),
);

/** Moves this visit and the later ones of its series the same way. */
export const rescheduleSeriesFromAction = tenantAction(
  { name: "appointments.series.reschedule_following", schema: rescheduleActionSchema, permission: "appointments:write" },
  async ({ id, ...input }, ctx) => rescheduleSeriesFrom(ctx, { id, ...input }),
);

/** The photo of the patient's insurance card given with the visit's intake (audited), or null. */
export const intakeCardAction = tenantAction(
  { name: "appointments.intake-card", schema: appointmentIdSchema, permission: "patients:read" },
  async ({ id }, ctx) => {
    const image = await cardImageOf(ctx, id);
    return image ? { type: image.type, base64: image.bytes.toString("base64") } : null;
  },
);
