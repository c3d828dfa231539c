import { addMemberAccount } from "@/lib/administration/members";
import { addMemberSchema } from "@/lib/memberships/schemas";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";

export const dynamic = "force-dynamic";

// POST {"userId", "role"} (organizationService.addUser, operators only) or {"email", "name", "role"} to create the account too.
export const POST = orgAdminRoute({ permission: "members:manage", body: addMemberSchema }, async ({ orgId, body, actor }) =>
  Response.json({ data: await addMemberAccount({ orgId, by: actor }, body) }, { status: 201 }),
);
