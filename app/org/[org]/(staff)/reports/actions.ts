"use server";

import { tenantAction } from "@/lib/pipeline/tenant-action";
import { reportCsvFile } from "@/lib/reports/export";
import { nextAvailableSchema, reportExportSchema, reportQuerySchema } from "@/lib/reports/schemas";
import { appointmentReport, nextAvailable } from "@/lib/reports/service";

/** The appointments report for a range and filters. */
export const appointmentReportAction = tenantAction(
  { name: "reports.appointments", schema: reportQuerySchema, permission: "reports:read" },
  async (input, ctx) => appointmentReport(ctx, input),
);

/** One of the report's tables as a CSV file (name and text; the page saves it). */
export const reportCsvAction = tenantAction(
  { name: "reports.export", schema: reportExportSchema, permission: "reports:read" },
  async (input, ctx) => reportCsvFile(ctx, input),
);

/** Per appointment type, the first free time from now. */
export const nextAvailableAction = tenantAction(
  { name: "reports.next_available", schema: nextAvailableSchema, permission: "reports:read" },
  async (input, ctx) => nextAvailable(ctx, input),
);
