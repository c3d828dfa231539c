import { z } from "zod";
import { email, password } from "@/lib/validation/fields";

/** Changing one's own password: the current one, then the new one (the same rule as everywhere). No input names a user. */
export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newPassword: password,
});

/** Asking for a reset link: the address one signs in with. */
export const passwordResetRequestInput = z.object({ email });

/** Choosing a new password through a reset link (the link's token travels in the address or beside it). */
export const passwordResetInput = z.object({ password });

/** A link's token as a form sends it; whether it is any good is the service's question, answered the same for every door. */
export const linkToken = z.string().max(512);
