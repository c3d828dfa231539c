import { accessReportRequestSchema } from "@/lib/audit/schemas";
import { ACCESS_REPORT_REQUEST_LIMIT, requestAccessReport } from "@/lib/audit/patient-report";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

// POST — ask for the access report of an e-mail address. The answer is the same whoever the address
// belongs to: the address gets an e-mail either way, with the report's link when a record has it.
export const POST = publicRoute(
  { body: accessReportRequestSchema, limitPerMinute: ACCESS_REPORT_REQUEST_LIMIT.limit, auditActor: { type: "anonymous" } },
  async ({ body, ctx, organization }) =>
    Response.json({ data: await requestAccessReport({ ...ctx, organization }, body) }, { status: 202 }),
);
