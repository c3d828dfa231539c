import { z } from "zod";
import { appointmentModes, appointmentStatuses } from "@/lib/db/schema/enum-values";
import { calendarDate, idParam, multiLine, singleLine, uuid, instantField } from "@/lib/validation/fields";
import { STATUS_CHANGES } from "./status";

// What the schedule's endpoints and server actions accept. Client-safe: the REST query and body
// schemas (and the OpenAPI document built from them) and the staff screens' actions share them.

export const mode = z.enum(appointmentModes).default("in_person");

export const appointmentListSchema = z
  .object({
    date: calendarDate.optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    provider: uuid("provider must be a provider id.").optional(),
    patient: uuid("patient must be a patient id.").optional(),
    location: uuid("location must be a location id.").optional(),
    resource: uuid("resource must be a room or equipment id.").optional(),
    status: z
      .string()
      .transform((s) => s.split(",").filter(Boolean))
      .pipe(z.array(z.enum(appointmentStatuses, "Unknown status.")))
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
    cursor: z.string().max(500).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to.", path: ["to"] });

export const createAppointmentSchema = z.object({
  patientId: uuid("Choose a patient."),
  providerId: uuid("Choose a provider."),
  appointmentTypeId: uuid("Choose an appointment type."),
  startsAt: instantField("Choose a start time."),
  mode,
  /** Where the organization has several locations: the one chosen (the provider must be there that day). */
  locationId: uuid("locationId must be a location id.").optional(),
  reason: singleLine(500).optional(),
  notes: multiLine(4000).optional(),
});

export const statusChangeSchema = z.object({
  status: z.enum(STATUS_CHANGES, "Choose confirmed, checked_in, completed or no_show."),
});

export const cancelSchema = z.object({ reason: singleLine(500).optional() });

export const rescheduleSchema = z.object({
  startsAt: instantField("Choose the new start time."),
  providerId: z.uuid().optional(),
});

/** What free times are asked for: an appointment type, optionally one provider, a range of days and a mode. */
const availabilityFields = z.object({
  type: uuid("type must be an appointment type id."),
  provider: uuid("provider must be a provider id.").optional(),
  /** Only times at this location. */
  location: uuid("location must be a location id.").optional(),
  from: calendarDate,
  to: calendarDate,
  mode,
});

const fromNotAfterTo = (q: { from: string; to: string }) => q.from <= q.to;
const FROM_AFTER_TO = { message: "from must not be after to.", path: ["to"] };

export const availabilityQuerySchema = availabilityFields.refine(fromNotAfterTo, FROM_AFTER_TO);

// ---- the staff schedule's server actions (an appointment named in the input by `id`) ----

/** The longest range the schedule asks for at once (a week view needs 7 days). */
export const SCHEDULE_MAX_DAYS = 42;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A range of calendar days in the organization's zone, optionally one provider's, optionally at one location. */
export const scheduleRangeSchema = z
  .object({ from: calendarDate, to: calendarDate, providerId: idParam.optional(), locationId: idParam.optional() })
  .refine((q) => q.from <= q.to, { message: "The last day must not be before the first.", path: ["to"] })
  .refine((q) => q.from > q.to || daysBetween(q.from, q.to) < SCHEDULE_MAX_DAYS, {
    message: `Ask for at most ${SCHEDULE_MAX_DAYS} days at once.`,
    path: ["to"],
  });

export const appointmentIdSchema = z.object({ id: idParam });

/** Staff booking: the patient's other appointments at that time that the member saw and books over anyway. */
export const staffBookingActionSchema = createAppointmentSchema.extend({
  acknowledgedOverlapIds: z.array(z.uuid()).max(20).optional(),
});

/** Taking back a status change: what it left (status and last update) and the status before it. */
export const undoStatusActionSchema = z.object({
  id: idParam,
  previous: z.enum(appointmentStatuses, "Unknown status."),
  current: z.enum(appointmentStatuses, "Unknown status."),
  changedAt: instantField("Say when the change was made."),
});
export const statusChangeActionSchema = statusChangeSchema.extend({ id: idParam });
export const cancelActionSchema = cancelSchema.extend({ id: idParam });
export const rescheduleActionSchema = rescheduleSchema.extend({ id: idParam });

/** The staff schedule's free times; `moving` names the appointment being moved (its own time does not count as taken). */
export const freeTimesActionSchema = availabilityFields.extend({ moving: idParam.optional() }).refine(fromNotAfterTo, FROM_AFTER_TO);
