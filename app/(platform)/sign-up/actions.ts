"use server";

import { SIGN_UP_RATE_LIMIT, signUp, signUpInput } from "@/lib/administration/sign-up";
import { SLUG_CHECK_RATE_LIMIT, slugAvailability, slugCheckInput } from "@/lib/administration/slug-availability";
import { platformAction } from "@/lib/pipeline/platform-action";

/** Whether a web address can be had, with free alternatives when it is taken (the form's live check). */
export const checkSlugAction = platformAction(
  { name: "signup.slug-check", schema: slugCheckInput, caller: "anonymous", rateLimit: SLUG_CHECK_RATE_LIMIT },
  async ({ slug }) => slugAvailability(slug),
);

/**
 * Creates the organization on the Basic plan; the named first administrator becomes its owner once
 * they confirm their address from the e-mail (the same answer whether or not it has an account).
 */
export const signUpAction = platformAction(
  {
    name: "signup.create-organization",
    schema: signUpInput,
    caller: "optional",
    credentials: { operator: true },
    rateLimit: SIGN_UP_RATE_LIMIT,
  },
  async (input, { caller }) => signUp(input, caller),
);
