import { changeMember, removeMember } from "@/lib/administration/members";
import { memberPatchSchema } from "@/lib/memberships/schemas";
import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { adminScopeOf } from "@/lib/tenancy/service-context";

export const dynamic = "force-dynamic";

// PATCH {"role"} / {"status": "suspended"} — never leaves the organization without an active owner.
export const PATCH = tenantRoute({ permission: "members:manage", body: memberPatchSchema }, async ({ params, body, ctx }) => ({
  data: await changeMember(adminScopeOf(ctx), idFrom(params, "membershipId", "member"), body),
}));

export const DELETE = tenantRoute({ permission: "members:manage" }, async ({ params, ctx }) => {
  await removeMember(adminScopeOf(ctx), idFrom(params, "membershipId", "member"));
  return new Response(null, { status: 204 });
});
