import { z } from "zod";
import { calendarDate, idParam, instantField, singleLine, uuid } from "@/lib/validation/fields";
import { mode } from "./schemas";

// What a recurring series accepts, on the schedule and in the REST API. Client-safe.

import { MAX_SERIES_DAYS, MAX_SERIES_VISITS } from "./series-limits";

export { MAX_SERIES_DAYS, MAX_SERIES_VISITS };

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time like 09:30.");

/** Weekly, every N weeks, for a number of visits or until a date (inclusive). */
export const seriesRuleSchema = z
  .object({
    intervalWeeks: z.coerce.number().int().min(1, "Repeat at least every week.").max(12, "Repeat at most every 12 weeks."),
    count: z.coerce
      .number()
      .int()
      .min(2, "A series has at least 2 visits.")
      .max(MAX_SERIES_VISITS, `A series has at most ${MAX_SERIES_VISITS} visits.`)
      .optional(),
    until: calendarDate.optional(),
  })
  .refine((r) => (r.count === undefined) !== (r.until === undefined), {
    message: "Choose a number of visits or an end date.",
    path: ["count"],
  });

export type SeriesRule = z.infer<typeof seriesRuleSchema>;

const seriesBase = {
  patientId: uuid("Choose a patient."),
  appointmentTypeId: uuid("Choose an appointment type."),
  providerId: uuid("Choose a provider."),
  mode,
  /** The first visit's day and time, in the organization's time zone. */
  startDate: calendarDate,
  startTime: time,
  rule: seriesRuleSchema,
};

export const seriesPreviewSchema = z.object(seriesBase);
export type SeriesPreviewInput = z.infer<typeof seriesPreviewSchema>;

/** Book the chosen start of each visit: the planned one, another free time that day, or none (skipped). */
export const seriesBookSchema = z.object({
  ...seriesBase,
  starts: z
    .array(instantField("Choose a time for each visit."))
    .min(1, "Choose at least one visit to book.")
    .max(MAX_SERIES_VISITS, `A series has at most ${MAX_SERIES_VISITS} visits.`),
  reason: singleLine(500).optional(),
});
export type SeriesBookInput = z.infer<typeof seriesBookSchema>;

export const cancelFollowingSchema = z.object({ id: idParam, reason: singleLine(500).optional() });
