import { z } from "zod";
import { apiKeyRoles, memberRoles } from "@/lib/db/schema/enum-values";
import { isValidDate, isValidTimeZone } from "@/lib/time/calendar";

// The zod pieces every form and endpoint share, so a rule (what an e-mail is, how long a password
// must be) lives in one place. Client-safe.

export const limitSchema = z.coerce.number().int().min(1, "limit must be at least 1.").max(200, "limit must be at most 200.").default(50);
export const uuid = (message = "That id is not valid.") => z.uuid(message);
export const idParam = uuid();
export const cursor = z.string().max(500).optional();

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

export const PASSWORD_MIN = 10;
export const password = z.string().min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`).max(200, "Use at most 200 characters.");
export const personName = z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.");

export const memberRole = z.enum(memberRoles, "Choose owner, admin, clinician or staff.");
/** API keys act as a role, but never as an owner. */
export const apiKeyRole = z.enum(apiKeyRoles, "Choose admin, clinician or staff.");

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
/** A real calendar date (2026-02-30 is refused). */
export const calendarDate = z.string().refine(isValidDate, "Use a real date in the form YYYY-MM-DD.");
export const instant = z.coerce.date({ error: "Use an ISO date-time like 2026-03-09T14:00:00Z." });
export const timeZone = z.string().trim().refine(isValidTimeZone, "Use an IANA time zone such as America/New_York.");
