import { completePasswordReset, RESET_COMPLETE_RATE_LIMIT, RESET_DONE_MESSAGE } from "@/lib/auth/password-reset";
import { passwordResetInput } from "@/lib/auth/password-schemas";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

/** POST {"password"} — sets the new password through a reset link (once) and signs the account out everywhere. */
export const POST = platformRoute(
  { body: passwordResetInput, credentials: false, rateLimit: { limit: RESET_COMPLETE_RATE_LIMIT.limit } },
  async ({ body, params }) => {
    await completePasswordReset({ token: params.token ?? "", password: body.password });
    return { data: { message: RESET_DONE_MESSAGE } };
  },
);
