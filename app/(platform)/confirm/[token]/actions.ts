"use server";

import { z } from "zod";
import { CONFIRM_OWNER_RATE_LIMIT, confirmOwner } from "@/lib/administration/owner-confirmation";
import { linkToken } from "@/lib/auth/password-schemas";
import { platformAction } from "@/lib/pipeline/platform-action";

/**
 * Uses an e-mailed confirmation link: creates the owner's account (with the password chosen at
 * sign-up) or, for an address that has an account, accepts as that signed-in account.
 */
export const confirmOwnerAction = platformAction(
  { name: "signup.confirm-owner", schema: z.object({ token: linkToken }), caller: "optional", rateLimit: CONFIRM_OWNER_RATE_LIMIT },
  async ({ token }, { caller }) => {
    const result = await confirmOwner({ token, signedInUserId: caller.kind === "user" ? caller.userId : null });
    return { createdAccount: result.createdAccount };
  },
);
