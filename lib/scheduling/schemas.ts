import { z } from "zod";
import { isValidDate } from "@/lib/time/calendar";
import { appointmentStatuses } from "@/lib/db/schema/enum-values";
import { STATUS_CHANGES } from "./status";

export const dayQuerySchema = z.object({
  date: z.string().refine(isValidDate, "Use a real date in the form YYYY-MM-DD.").optional(),
  provider: z.uuid("provider must be a provider id.").optional(),
});

export const appointmentListSchema = z
  .object({
    date: z.string().refine(isValidDate, "Use a real date in the form YYYY-MM-DD.").optional(),
    from: z.string().refine(isValidDate, "Use a real date in the form YYYY-MM-DD.").optional(),
    to: z.string().refine(isValidDate, "Use a real date in the form YYYY-MM-DD.").optional(),
    provider: z.uuid("provider must be a provider id.").optional(),
    patient: z.uuid("patient must be a patient id.").optional(),
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
  patientId: z.uuid("Choose a patient."),
  providerId: z.uuid("Choose a provider."),
  appointmentTypeId: z.uuid("Choose an appointment type."),
  startsAt: z.coerce.date({ error: "Choose a start time." }),
  mode: z.enum(["in_person", "telehealth"]).default("in_person"),
  reason: z.string().trim().max(500).optional(),
  notes: z.string().trim().max(4000).optional(),
});

export const statusChangeSchema = z.object({
  status: z.enum(STATUS_CHANGES, "Choose confirmed, checked_in, completed or no_show."),
});

export const cancelSchema = z.object({ reason: z.string().trim().max(500).optional() });

export const rescheduleSchema = z.object({
  startsAt: z.coerce.date({ error: "Choose the new start time." }),
  providerId: z.uuid().optional(),
});

export const availabilityQuerySchema = z
  .object({
    type: z.uuid("type must be an appointment type id."),
    provider: z.uuid("provider must be a provider id.").optional(),
    from: z.string().refine(isValidDate, "Use a real date in the form YYYY-MM-DD."),
    to: z.string().refine(isValidDate, "Use a real date in the form YYYY-MM-DD."),
    mode: z.enum(["in_person", "telehealth"]).default("in_person"),
  })
  .refine((q) => q.from <= q.to, { message: "from must not be after to.", path: ["to"] });
