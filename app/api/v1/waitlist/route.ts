import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { listWaitlist } from "@/lib/scheduling/waitlist-staff";
import { waitlistListSchema } from "@/lib/scheduling/waitlist-schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/waitlist?type=&provider=&from=&to=&status=&limit=&cursor= — newest first, with each entry's offers (audited).
export const GET = tenantRoute({ permission: "patients:read", query: waitlistListSchema }, async ({ query, ctx }) =>
  listWaitlist(ctx, query),
);
