import { z } from "zod";
import { WAITLIST_STATUSES } from "./waitlist-status";
import { calendarDate, cursor, idParam, instantField, uuid } from "@/lib/validation/fields";

// What the staff waiting list accepts, on the screen and in the REST API. Client-safe: the page's
// actions, the route handlers and the OpenAPI document share these.

export const waitlistListSchema = z
  .object({
    type: uuid("type must be an appointment type id.").optional(),
    provider: uuid("provider must be a provider id.").optional(),
    /** Entries whose wanted dates overlap from…to. */
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    status: z.enum(WAITLIST_STATUSES, "Choose waiting, offered, booked or cancelled.").optional(),
    limit: z.coerce.number().int().min(1, "limit must be at least 1.").max(200, "limit must be at most 200.").default(50),
    cursor,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to.", path: ["to"] });

export type WaitlistListQuery = z.infer<typeof waitlistListSchema>;

export const waitlistEntryIdSchema = z.object({ id: idParam });

/** Free times for one entry's appointment type, with one provider or any, between two days. */
export const waitlistFreeTimesSchema = z
  .object({
    id: idParam,
    provider: uuid("Choose a provider.").optional(),
    from: calendarDate,
    to: calendarDate,
  })
  .refine((q) => q.from <= q.to, { message: "from must not be after to.", path: ["to"] });

export const manualOfferSchema = z.object({
  id: idParam,
  providerId: uuid("Choose a provider."),
  startsAt: instantField("Choose a time."),
});
