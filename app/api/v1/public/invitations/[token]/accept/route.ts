import { z } from "zod";
import { ACCEPT_INVITATION_RATE_LIMIT, acceptInvitationAs } from "@/lib/administration/invitations";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

// POST — as the signed-in user ({}), or creating the account ({email, name, password}). Through an
// owner-claim link the account waits for its address to be confirmed: 202 and the same answer for any address.
export const POST = platformRoute(
  {
    tenant: true,
    body: z.looseObject({}),
    rateLimit: { limit: ACCEPT_INVITATION_RATE_LIMIT.limit, message: ACCEPT_INVITATION_RATE_LIMIT.message },
  },
  async ({ organization, params, body, caller }) => {
    const result = await acceptInvitationAs(organization, params.token ?? "", caller, body);
    return Response.json({ data: result }, { status: "status" in result ? 202 : 201 });
  },
);
