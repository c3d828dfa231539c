import { patientAccessHistory } from "@/lib/audit/console";
import { patientAccessSchema } from "@/lib/audit/schemas";
import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/patients/{id}/access-log?limit=&cursor= — every access to this patient's data, newest first (the look is recorded).
export const GET = tenantRoute({ permission: "audit:read", query: patientAccessSchema }, async ({ params, query, ctx, organization }) =>
  patientAccessHistory(ctx, idFrom(params, "id", "patient"), query, organization.timeZone),
);
