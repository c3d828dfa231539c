import { z } from "zod";
import { password } from "@/lib/validation/fields";

/** Changing one's own password: the current one, then the new one (the same rule as everywhere). No input names a user. */
export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newPassword: password,
});
