import { z } from "zod";
import { formBoolean, optionalText } from "@/lib/validation/fields";

export const appointmentTypeInputSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(80),
  description: optionalText(500),
  durationMinutes: z.coerce.number().int().min(5, "At least 5 minutes.").max(480, "At most 8 hours."),
  bufferBeforeMinutes: z.coerce.number().int().min(0).max(240).default(0),
  bufferAfterMinutes: z.coerce.number().int().min(0).max(240).default(0),
  telehealthAllowed: formBoolean.optional(),
  onlineBookable: formBoolean.optional(),
  active: formBoolean.optional(),
});

export const appointmentTypePatchSchema = appointmentTypeInputSchema.partial();

/** The staff screens' list: every type, or the active ones only. */
export const appointmentTypeListSchema = z.object({ activeOnly: formBoolean.optional() });
