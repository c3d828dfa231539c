import { inviteMember } from "@/lib/administration/members";
import { invitationInputSchema } from "@/lib/memberships/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { adminScopeOf } from "@/lib/tenancy/service-context";

export const dynamic = "force-dynamic";

// POST — e-mails an expiring, single-use invitation link (it is in the outbox until sent).
export const POST = tenantRoute({ permission: "members:manage", body: invitationInputSchema }, async ({ body, ctx }) =>
  Response.json({ data: await inviteMember(adminScopeOf(ctx), body) }, { status: 201 }),
);
