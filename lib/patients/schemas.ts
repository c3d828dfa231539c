import { z } from "zod";
import { isoDate, limitSchema, optionalEmail, phone, singleLine } from "@/lib/validation/fields";
import { isValidDate } from "@/lib/time/calendar";

export const patientInputSchema = z.object({
  mrn: singleLine(40).optional(),
  firstName: singleLine(80).min(1, "Enter the first name."),
  lastName: singleLine(80).min(1, "Enter the last name."),
  dateOfBirth: isoDate
    .refine(isValidDate, "Enter a real date.")
    .refine((d) => d <= new Date().toISOString().slice(0, 10), "The date of birth cannot be in the future."),
  email: optionalEmail,
  phone,
});

export const patientPatchSchema = patientInputSchema.partial().extend({
  mrn: singleLine(40).min(1, "The MRN cannot be empty.").optional(),
});

export const patientSearchSchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: limitSchema,
  cursor: z.string().max(500).optional(),
});
