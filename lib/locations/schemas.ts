import { z } from "zod";
import { normalizeKind } from "./limits";
import { formBoolean, idParam, optionalSingleLine, phone, singleLine, timeZone } from "@/lib/validation/fields";

const locationFields = z.object({
  name: singleLine(80).min(1, "Enter a name."),
  address: optionalSingleLine(200),
  phone,
  timeZone: timeZone,
  active: formBoolean.optional(),
});

/** A new location: its time zone defaults to the organization's. */
export const locationInputSchema = locationFields.extend({ timeZone: timeZone.optional() });
/** An edit changes only what it names. */
export const locationPatchSchema = locationFields.partial();

/** "Procedure room", "  Ultrasound " → "procedure room", "ultrasound": kinds compare in lower case. */
export const resourceKind = singleLine(60).min(1, "Enter a kind, such as procedure room.").transform(normalizeKind);

const resourceFields = z.object({
  locationId: idParam,
  name: singleLine(80).min(1, "Enter a name."),
  kind: resourceKind,
  active: formBoolean.optional(),
});

export const resourceInputSchema = resourceFields;
/** A resource stays at its location: moving a room would move its visits. */
export const resourcePatchSchema = resourceFields.omit({ locationId: true }).partial();

export const resourceListSchema = z.object({ locationId: idParam.optional(), activeOnly: formBoolean.optional() });

/** A provider's week: at most one location per weekday (1 = Monday … 7 = Sunday); left-out days are at the main location. */
export const providerWeekSchema = z.object({
  days: z
    .array(z.object({ weekday: z.coerce.number().int().min(1, "Weekdays run 1–7.").max(7, "Weekdays run 1–7."), locationId: idParam }))
    .max(7)
    .refine((days) => new Set(days.map((d) => d.weekday)).size === days.length, "Give each weekday once."),
});
