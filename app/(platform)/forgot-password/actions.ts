"use server";

import { requestPasswordReset, RESET_REQUEST_RATE_LIMIT, RESET_REQUESTED_MESSAGE } from "@/lib/auth/password-reset";
import { passwordResetRequestInput } from "@/lib/auth/password-schemas";
import { platformAction } from "@/lib/pipeline/platform-action";

/**
 * E-mails a reset link if the address has an account. The answer is the same whether or not it
 * has one, and when requests for it are being throttled (the REST endpoint's answer, too).
 */
export const requestPasswordResetAction = platformAction(
  { name: "account.password-reset.request", schema: passwordResetRequestInput, caller: "anonymous", rateLimit: RESET_REQUEST_RATE_LIMIT },
  async ({ email }, { facts }) => {
    await requestPasswordReset({ email, ip: facts.ip });
    return { message: RESET_REQUESTED_MESSAGE };
  },
);
