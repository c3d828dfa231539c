"use server";

import { z } from "zod";
import {
  ACCEPT_INVITATION_RATE_LIMIT,
  acceptInvitationAs,
  invitationOffer,
  VIEW_INVITATION_RATE_LIMIT,
} from "@/lib/administration/invitations";
import { linkToken } from "@/lib/auth/password-schemas";
import { platformAction } from "@/lib/pipeline/platform-action";

/** What the link offers (role, the e-mail it is for, when it expires) on this organization's site. */
export const invitationOfferAction = platformAction(
  {
    name: "invitation.view",
    schema: z.object({ token: linkToken }),
    caller: "anonymous",
    tenant: true,
    rateLimit: VIEW_INVITATION_RATE_LIMIT,
  },
  async ({ token }, { organization }) => invitationOffer(organization, token),
);

/** Joins as the signed-in account (`{token}`), or creates the account (`{token, email, name, password}`). */
export const acceptInvitationAction = platformAction(
  {
    name: "invitation.accept",
    schema: z.looseObject({ token: linkToken }),
    caller: "optional",
    tenant: true,
    rateLimit: ACCEPT_INVITATION_RATE_LIMIT,
  },
  async ({ token, ...body }, { organization, caller }) => acceptInvitationAs(organization, token, caller, body),
);
