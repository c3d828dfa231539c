import { verifyChainNow } from "@/lib/audit/console";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// POST /api/v1/audit/chain/verify — walks the organization's audit chain now and records the result in it.
export const POST = tenantRoute({ permission: "audit:read", limitPerMinute: 6 }, async ({ ctx }) => ({ data: await verifyChainNow(ctx) }));
