import { z } from "zod";
import { isValidDate } from "./time";

export const dayQuerySchema = z.object({
  date: z
    .string()
    .refine(isValidDate, "Use a real date in the form YYYY-MM-DD.")
    .optional(),
  provider: z.uuid("provider must be a provider id.").optional(),
});
