import { organizationOverview } from "@/lib/organizations/overview";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/organization — the current organization's public profile.
export const GET = tenantRoute({ permission: null }, async ({ ctx, organization }) => {
  return { data: await organizationOverview(ctx, organization) };
});
