"use server";

import { z } from "zod";
import { linkToken } from "@/lib/auth/password-schemas";
import { CONFIRM_CONTACT_RATE_LIMIT, confirmBookingContactLink } from "@/lib/patients/reconcile";
import { publicAction } from "@/lib/pipeline/public-action";

/** The "confirm my e-mail address" button of a booking's confirmation link. */
export const confirmEmailAction = publicAction(
  { name: "patients.confirm-email", schema: z.object({ token: linkToken }), rateLimit: CONFIRM_CONTACT_RATE_LIMIT },
  async ({ token }, ctx) => confirmBookingContactLink(ctx, token),
);
