import { z } from "zod";

// Client-safe inputs of the two-factor page's actions. No input ever names a user: it is always
// the session's.

export const mfaCodeInput = z.object({ code: z.string().trim().min(1, "Enter the code.").max(64) });

/** Turning two-factor off needs the account password or a current code. */
export const disableMfaInput = z
  .object({ password: z.string().max(1024).optional(), code: z.string().trim().max(64).optional() })
  .refine((v) => Boolean(v.password || v.code), { message: "Enter your password or a current code.", path: ["password"] });
