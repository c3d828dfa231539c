import { listMembers } from "@/lib/administration/members";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { adminScopeOf } from "@/lib/tenancy/service-context";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "members:manage" }, async ({ ctx }) => ({ data: await listMembers(adminScopeOf(ctx)) }));
