import { z } from "zod";
import { isoDate, limitSchema, optionalEmail, phone } from "@/lib/validation/fields";
import { isValidDate } from "@/lib/time/calendar";

export const patientInputSchema = z.object({
  mrn: z.string().trim().max(40).optional(),
  firstName: z.string().trim().min(1, "Enter the first name.").max(80),
  lastName: z.string().trim().min(1, "Enter the last name.").max(80),
  dateOfBirth: isoDate
    .refine(isValidDate, "Enter a real date.")
    .refine((d) => d <= new Date().toISOString().slice(0, 10), "The date of birth cannot be in the future."),
  email: optionalEmail,
  phone,
});

export const patientPatchSchema = patientInputSchema.partial().extend({
  mrn: z.string().trim().min(1, "The MRN cannot be empty.").max(40).optional(),
});

export const patientSearchSchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: limitSchema,
  cursor: z.string().max(500).optional(),
});
