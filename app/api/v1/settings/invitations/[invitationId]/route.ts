import { revokeInvitation } from "@/lib/administration/members";
import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { adminScopeOf } from "@/lib/tenancy/service-context";

export const dynamic = "force-dynamic";

export const DELETE = tenantRoute({ permission: "members:manage" }, async ({ params, ctx }) => {
  await revokeInvitation(adminScopeOf(ctx), idFrom(params, "invitationId", "invitation"));
  return new Response(null, { status: 204 });
});
