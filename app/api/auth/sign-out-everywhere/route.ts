import { endAllSessions, SIGN_OUT_EVERYWHERE_RATE_LIMIT } from "@/lib/auth/sessions";
import { UnauthenticatedError } from "@/lib/errors/app-error";
import { platformRoute } from "@/lib/pipeline/platform-route";

// POST — ends every session of the signed-in user, this browser's included.
export const POST = platformRoute({ rateLimit: { limit: SIGN_OUT_EVERYWHERE_RATE_LIMIT.limit } }, async ({ caller }) => {
  if (caller.kind !== "user") throw new UnauthenticatedError();
  const ended = await endAllSessions(caller.userId);
  return { data: { ended } };
});
