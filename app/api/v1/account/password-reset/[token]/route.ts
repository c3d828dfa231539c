import { z } from "zod";
import { completePasswordReset } from "@/lib/auth/password-reset";
import { platformRoute } from "@/lib/pipeline/platform-route";
import { password } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ password });

/** POST {"password"} — sets the new password through a reset link (once) and signs the account out everywhere. */
export const POST = platformRoute({ body: bodySchema, credentials: false, rateLimit: { limit: 20 } }, async ({ body, params }) => {
  await completePasswordReset({ token: params.token ?? "", password: body.password });
  return { data: { message: "Your password is changed and every session was signed out. Sign in with the new password." } };
});
