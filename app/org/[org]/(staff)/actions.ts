"use server";

import { z } from "zod";
import { endAllSessions, SIGN_OUT_EVERYWHERE_RATE_LIMIT } from "@/lib/auth/sessions";
import { platformAction } from "@/lib/pipeline/platform-action";

// The staff shell's own account actions. The account is always the session's: no input names a
// user, and ending sessions is the account's business, not one organization's, so neither a
// membership nor two-factor enrolment stands in the way of it.

/** Ends every session of the signed-in account, this browser's included (the menu then clears its cookie). */
export const signOutEverywhereAction = platformAction(
  { name: "account.sessions.end-all", schema: z.object({}), caller: "user", rateLimit: SIGN_OUT_EVERYWHERE_RATE_LIMIT },
  async (_input, { caller }) => ({ ended: await endAllSessions(caller.userId) }),
);
