import { verifyChainNow } from "@/lib/audit/console";
import { auditVerifySchema } from "@/lib/audit/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// POST /api/v1/audit/chain/verify — walks the organization's audit chain now and records the result
// in it. It takes no input: an empty body or `{}`; anything else is refused before the walk.
export const POST = tenantRoute({ permission: "audit:read", limitPerMinute: 6, body: auditVerifySchema }, async ({ ctx }) => ({
  data: await verifyChainNow(ctx),
}));
