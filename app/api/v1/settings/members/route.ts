import { memberDirectory } from "@/lib/administration/member-directory";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "members:manage" }, async ({ ctx }) => ({ data: await memberDirectory(ctx.tx, ctx.orgId) }));
