import { z } from "zod";
import { normalizeKind } from "@/lib/locations/limits";
import { formBoolean, optionalMultiLine, optionalSingleLine, singleLine } from "@/lib/validation/fields";

const buffer = z.coerce.number().int().min(0).max(240);

const appointmentTypeFields = z.object({
  name: singleLine(80).min(1, "Enter a name."),
  description: optionalMultiLine(500),
  durationMinutes: z.coerce.number().int().min(5, "At least 5 minutes.").max(480, "At most 8 hours."),
  bufferBeforeMinutes: buffer,
  bufferAfterMinutes: buffer,
  telehealthAllowed: formBoolean.optional(),
  onlineBookable: formBoolean.optional(),
  active: formBoolean.optional(),
  /** A resource kind each visit also needs at its location ("procedure room"); empty: none. */
  requiredResourceKind: optionalSingleLine(60).transform((k) => (k ? normalizeKind(k) : null)),
});

/** A new type: buffers default to none. */
export const appointmentTypeInputSchema = appointmentTypeFields.extend({
  bufferBeforeMinutes: buffer.default(0),
  bufferAfterMinutes: buffer.default(0),
});

/** An edit changes only what it names (no defaults, so a left-out buffer stays as it was). */
export const appointmentTypePatchSchema = appointmentTypeFields.partial();

/** The staff screens' list: every type, or the active ones only. */
export const appointmentTypeListSchema = z.object({ activeOnly: formBoolean.optional() });
