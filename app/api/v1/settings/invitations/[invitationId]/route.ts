import { idFrom } from "@/lib/pipeline/params";
import { revokeInvitation } from "@/lib/administration/invitations";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const DELETE = tenantRoute({ permission: "members:manage" }, async ({ params, ctx }) => {
  await revokeInvitation(ctx.tx, ctx.orgId, idFrom(params, "invitationId", "invitation"));
  return new Response(null, { status: 204 });
});
