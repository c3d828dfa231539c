import { describeInvitation } from "@/lib/administration/invitations";
import { NotFoundError } from "@/lib/errors/app-error";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

// GET — what an invitation link offers (organization, role, e-mail it is for), before accepting.
export const GET = platformRoute({ tenant: true, credentials: false, rateLimit: { limit: 60 } }, async ({ organization, params }) => {
  const invitation = await describeInvitation(organization.id, params.token ?? "");
  if (!invitation) throw new NotFoundError("invitation", "This invitation is not valid any more. Ask for a new one.");
  return { data: { ...invitation, organization: { name: organization.name, slug: organization.slug } } };
});
