"use server";

import { completePasswordReset, RESET_COMPLETE_RATE_LIMIT, RESET_DONE_MESSAGE } from "@/lib/auth/password-reset";
import { linkToken, passwordResetInput } from "@/lib/auth/password-schemas";
import { platformAction } from "@/lib/pipeline/platform-action";

/** Sets the new password through a reset link (once) and signs the account out everywhere. */
export const completePasswordResetAction = platformAction(
  {
    name: "account.password-reset.complete",
    schema: passwordResetInput.extend({ token: linkToken }),
    caller: "anonymous",
    rateLimit: RESET_COMPLETE_RATE_LIMIT,
  },
  async ({ token, password }) => {
    await completePasswordReset({ token, password });
    return { message: RESET_DONE_MESSAGE };
  },
);
