import { invitationOffer, VIEW_INVITATION_RATE_LIMIT } from "@/lib/administration/invitations";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

// GET — what an invitation link offers (organization, role, e-mail it is for), before accepting.
export const GET = platformRoute(
  { tenant: true, credentials: false, rateLimit: { limit: VIEW_INVITATION_RATE_LIMIT.limit } },
  async ({ organization, params }) => ({ data: await invitationOffer(organization, params.token ?? "") }),
);
