import { requestPasswordReset, RESET_REQUEST_RATE_LIMIT, RESET_REQUESTED_MESSAGE } from "@/lib/auth/password-reset";
import { passwordResetRequestInput } from "@/lib/auth/password-schemas";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

/**
 * POST {"email"} — e-mails a single-use link to choose a new password. The answer is the same
 * whether or not the address has an account, and when requests for it are being throttled.
 */
export const POST = platformRoute(
  { body: passwordResetRequestInput, credentials: false, rateLimit: { limit: RESET_REQUEST_RATE_LIMIT.limit } },
  async ({ body, facts }) => {
    await requestPasswordReset({ email: body.email, ip: facts.ip });
    return Response.json({ data: { message: RESET_REQUESTED_MESSAGE } }, { status: 202 });
  },
);
