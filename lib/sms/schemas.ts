import { z } from "zod";
import { toE164 } from "./phone";

// What admins may change about text messages (server actions and REST share it). The auth token is
// write-only: sent to set or replace it, never returned.

export const MAX_REMINDER_OFFSETS = 3;
export const REMINDER_OFFSET_MAX_HOURS = 336;

const hours = (max: number) =>
  z
    .number("Enter a whole number of hours.")
    .int("Enter a whole number of hours.")
    .min(1, "Use at least 1 hour.")
    .max(max, `Use at most ${max} hours.`);

export const smsSettingsPatchSchema = z.object({
  enabled: z.boolean("Say true or false.").optional(),
  accountSid: z
    .string()
    .trim()
    .regex(/^AC[0-9a-fA-F]{32}$/, "An account SID is AC followed by 32 letters a–f and digits, as Twilio's console shows it.")
    .optional(),
  authToken: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{16,64}$/, "An auth token is 16–64 letters and digits, as Twilio's console shows it.")
    .optional(),
  fromNumber: z
    .string()
    .trim()
    .max(40)
    .transform((v, ctx) => {
      const e164 = toE164(v);
      if (!e164) {
        ctx.addIssue({ code: "custom", message: "Enter the sender number with its country code, like +15551234567." });
        return z.NEVER;
      }
      return e164;
    })
    .optional(),
  reminderOffsetsHours: z
    .array(hours(REMINDER_OFFSET_MAX_HOURS))
    .min(1, "Choose at least one reminder time.")
    .max(MAX_REMINDER_OFFSETS, `Choose at most ${MAX_REMINDER_OFFSETS} reminder times.`)
    .refine((list) => new Set(list).size === list.length, "Each reminder time may appear once.")
    .optional(),
  releaseUnconfirmedHours: hours(168).nullable().optional(),
});

export type SmsSettingsPatch = z.infer<typeof smsSettingsPatchSchema>;

export const patientSmsConsentSchema = z.object({
  id: z.uuid("That is not a patient id."),
  smsOptIn: z.boolean("Say true or false."),
});
