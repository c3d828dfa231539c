"use server";

import { accessReportRequestSchema } from "@/lib/audit/schemas";
import { ACCESS_REPORT_REQUEST_LIMIT, requestAccessReport } from "@/lib/audit/patient-report";
import { publicAction } from "@/lib/pipeline/public-action";

/** "Send me my access report": the same answer whoever the address belongs to. */
export const requestAccessReportAction = publicAction(
  {
    name: "patients.access-report",
    schema: accessReportRequestSchema,
    rateLimit: ACCESS_REPORT_REQUEST_LIMIT,
    auditActor: { type: "anonymous" },
  },
  async (input, ctx) => requestAccessReport(ctx, input),
);
