import { usageReport } from "@/lib/billing/limits";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx, organization }) => ({
  data: { ...(await usageReport(ctx.tx, ctx.orgId)), subscriptionStatus: organization.subscriptionStatus },
}));
