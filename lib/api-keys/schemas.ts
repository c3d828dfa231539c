import { z } from "zod";
import { apiKeyRole } from "@/lib/validation/fields";

// Client-safe: a new API key, for the REST handler, the server action and the OpenAPI document.

/** The longest a key may be made to last; a key without an expiry lasts until it is revoked. */
export const API_KEY_MAX_LIFETIME_DAYS = 730;

export const apiKeyInputSchema = z.object({
  name: z.string().trim().min(1, "Name the key after what uses it.").max(80, "Use at most 80 characters."),
  role: apiKeyRole,
  expiresAt: z.iso
    .datetime({ offset: true, error: "Give the expiry as a date and time, such as 2027-06-30T23:59:59Z." })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() > Date.now(), "Choose an expiry in the future.")
    .refine(
      (date) => date.getTime() <= Date.now() + API_KEY_MAX_LIFETIME_DAYS * 86_400_000,
      `A key can be made to last at most ${API_KEY_MAX_LIFETIME_DAYS / 365} years.`,
    )
    .optional(),
});

export type ApiKeyInput = z.input<typeof apiKeyInputSchema>;
