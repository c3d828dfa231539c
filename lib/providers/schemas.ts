import { z } from "zod";
import {
  calendarDate,
  cursor,
  email,
  formBoolean,
  idParam,
  isoDate,
  limitSchema,
  optionalSingleLine,
  phone,
  singleLine,
  time,
  instantField,
} from "@/lib/validation/fields";

export const providerInputSchema = z.object({
  name: singleLine(120).min(1, "Enter the provider's name."),
  title: optionalSingleLine(40),
  specialty: optionalSingleLine(120),
  licenseNumber: optionalSingleLine(60),
  email: z
    .union([z.literal(""), email])
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  phone,
  acceptsOnlineBooking: formBoolean.optional(),
  offersTelehealth: formBoolean.optional(),
  active: formBoolean.optional(),
});

export const providerPatchSchema = providerInputSchema.partial();

/** GET /api/v1/providers?active=&limit=&cursor= */
export const providerListQuerySchema = z.object({
  active: z.enum(["true", "false"]).optional(),
  limit: limitSchema,
  cursor,
});

/** The staff list: one page at a time, optionally active providers only. */
export const providerListSchema = z.object({
  activeOnly: formBoolean.optional(),
  limit: limitSchema,
  cursor,
});

const interval = z
  .object({ startTime: time, endTime: time })
  .refine((i) => i.endTime > i.startTime, { message: "The end time must be after the start time.", path: ["endTime"] });

export const weeklyHoursSchema = z.object({
  hours: z
    .array(interval.and(z.object({ weekday: z.coerce.number().int().min(1).max(7) })))
    .max(70)
    .superRefine((rows, ctx) => {
      const names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
      for (let d = 1; d <= 7; d++) {
        const day = rows.filter((r) => r.weekday === d).sort((a, b) => a.startTime.localeCompare(b.startTime));
        if (!day.every((r, i) => i === 0 || r.startTime >= day[i - 1]!.endTime)) {
          ctx.addIssue({ code: "custom", message: `${names[d - 1]}: intervals must not overlap.`, path: [] });
        }
      }
    }),
});

export const overrideSchema = z.object({
  intervals: z
    .array(interval)
    .max(12)
    .refine((rows) => {
      const sorted = [...rows].sort((a, b) => a.startTime.localeCompare(b.startTime));
      return sorted.every((r, i) => i === 0 || r.startTime >= sorted[i - 1]!.endTime);
    }, "The intervals of one date must not overlap."),
  note: optionalSingleLine(200),
});

const appointmentIds = z.array(z.uuid("Name appointments by their ids.")).max(200);
const timeOffFields = z.object({
  startsAt: instantField(),
  endsAt: instantField(),
  reason: optionalSingleLine(200),
  /** Booked appointments the time off covers that are cancelled with it (each patient is told). */
  cancelAppointmentIds: appointmentIds.optional(),
  /** Booked appointments the time off covers that are kept, to be rescheduled by hand. */
  keepAppointmentIds: appointmentIds.optional(),
});
const endsAfterStart = (t: { startsAt: Date; endsAt: Date }) => t.endsAt > t.startsAt;
const endsAfterStartError = { message: "Time off must end after it starts.", path: ["endsAt"] };

export const timeOffSchema = timeOffFields.refine(endsAfterStart, endsAfterStartError);

export const offeredTypesSchema = z.object({ appointmentTypeIds: z.array(z.uuid()).max(100) });
export const overrideDateParam = isoDate;

// The staff screens' actions: the same bodies, with the provider (and date, time off) they are about.
export const providerIdSchema = z.object({ id: idParam });
export const providerUpdateSchema = providerPatchSchema.extend({ id: idParam });
export const weeklyHoursActionSchema = weeklyHoursSchema.extend({ id: idParam });
export const overrideActionSchema = overrideSchema.extend({ id: idParam, date: calendarDate });
export const clearOverrideSchema = z.object({ id: idParam, date: calendarDate });
export const timeOffActionSchema = timeOffFields.extend({ id: idParam }).refine(endsAfterStart, endsAfterStartError);
export const removeTimeOffSchema = z.object({ id: idParam, timeOffId: idParam });
export const offeredTypesActionSchema = offeredTypesSchema.extend({ id: idParam });
