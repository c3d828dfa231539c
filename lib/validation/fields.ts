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

// Free text a person types is data, never layout: a name or a reason with a line break could
// forge a line of an e-mail, a CSV row or a log line; a NUL, an escape sequence or a bidi override
// hides or reorders what staff read. Single-line fields refuse every control character (C0, DEL,
// C1), the Unicode line and paragraph separators and the bidi embedding, override and isolate
// controls; multi-line fields allow the line feed (or a CR LF pair, as forms send it) and nothing else.
// Emoji and every script's letters are fine.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_EXCEPT_LINE_FEED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
export const SINGLE_LINE_MESSAGE = "Use a single line, without line breaks, tabs or other control characters.";
export const MULTI_LINE_MESSAGE = "Remove tabs and other control characters (line breaks are fine).";

/**
 * A single line of at most `max` characters, trimmed; "" passes (chain `.min(1, …)` to require it).
 * Checked before trimming: a leading "\r\nBcc:" is refused, not quietly cut off.
 */
export const singleLine = (max: number) =>
  z
    .string()
    .refine((v) => !CONTROL_CHARACTERS.test(v), SINGLE_LINE_MESSAGE)
    .trim()
    .max(max, `Use at most ${max} characters.`);

/** An optional single line: "" and absent become null, as optionalText does. */
export const optionalSingleLine = (max: number) =>
  singleLine(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/** Free text over several lines (notes, descriptions): line feeds (or CR LF pairs) allowed, trimmed. */
export const multiLine = (max: number) =>
  z
    .string()
    .refine((v) => !CONTROL_EXCEPT_LINE_FEED.test(v.replace(/\r\n/g, "\n")), MULTI_LINE_MESSAGE)
    .trim()
    .max(max, `Use at most ${max} characters.`);

/** An optional multi-line text: "" and absent become null. */
export const optionalMultiLine = (max: number) =>
  multiLine(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

export const PASSWORD_MIN = 10;
export const password = z.string().min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`).max(200, "Use at most 200 characters.");
export const personName = singleLine(120).min(1, "Enter a name.");

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
/** The instants a schedule can hold: years 1900 to 9999 (a year like +020000 is refused, not an error of ours). */
const EARLIEST_INSTANT = Date.UTC(1900, 0, 1);
const LATEST_INSTANT = Date.UTC(10000, 0, 1) - 1;
/** A point in time from an ISO string (or a Date), within the years a schedule can hold. */
export function instantField(message = "Use an ISO date-time like 2026-03-09T14:00:00Z.") {
  return z.coerce
    .date({ error: message })
    .refine((d) => d.getTime() >= EARLIEST_INSTANT && d.getTime() <= LATEST_INSTANT, "Use a date between the years 1900 and 9999.");
}
export const instant = instantField();
export const timeZone = z.string().trim().refine(isValidTimeZone, "Use an IANA time zone such as America/New_York.");
