import { chainStatus } from "@/lib/audit/console";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/audit/chain — the newest scheduled and on-demand verification results of the organization's audit chain.
export const GET = tenantRoute({ permission: "audit:read" }, async ({ ctx }) => ({ data: await chainStatus(ctx) }));
