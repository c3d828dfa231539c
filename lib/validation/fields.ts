import { z } from "zod";

export const limitSchema = z.coerce.number().int().min(1, "limit must be at least 1.").max(200, "limit must be at most 200.").default(50);
export const idParam = z.uuid("That id is not valid.");
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();
export const email = z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid e-mail address."));
export const optionalEmail = z
  .union([z.literal(""), email])
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional();
export const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+()0-9 .-]*$/, "Use digits, spaces and + ( ) - . only.")
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional();
/** FormData sends strings: "true"/"on" → true, "false"/"" → false. */
export const formBoolean = z
  .union([z.boolean(), z.enum(["true", "false", "on", "off", ""])])
  .transform((v) => v === true || v === "true" || v === "on");
export const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "Use a 24-hour time like 09:30.");
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-09.");
export const instant = z.coerce.date({ error: "Use an ISO date-time like 2026-03-09T14:00:00Z." });
