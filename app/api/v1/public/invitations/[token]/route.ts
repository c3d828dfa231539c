import { NotFoundError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/respond";
import { describeInvitation } from "@/lib/administration/invitations";
import { resolvePublicTenant } from "@/lib/tenancy/public-route";
import { requestInfo } from "@/lib/tenancy/request";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ token: string }> }) {
  const info = await requestInfo();
  try {
    const organization = await resolvePublicTenant(info);
    const invitation = await describeInvitation(organization.id, (await context.params).token);
    if (!invitation) throw new NotFoundError("invitation", "This invitation is not valid any more. Ask for a new one.");
    return Response.json({ data: { ...invitation, organization: { name: organization.name, slug: organization.slug } } });
  } catch (err) {
    return errorResponse(err, info.requestId);
  }
}
