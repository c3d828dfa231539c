import { z } from "zod";
import { requestPasswordReset, RESET_REQUESTED_MESSAGE } from "@/lib/auth/password-reset";
import { platformRoute } from "@/lib/pipeline/platform-route";
import { email } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ email });

/**
 * POST {"email"} — e-mails a single-use link to choose a new password. The answer is the same
 * whether or not the address has an account, and when requests for it are being throttled.
 */
export const POST = platformRoute({ body: bodySchema, credentials: false, rateLimit: { limit: 30 } }, async ({ body, facts }) => {
  await requestPasswordReset({ email: body.email, ip: facts.ip });
  return Response.json({ data: { message: RESET_REQUESTED_MESSAGE } }, { status: 202 });
});
