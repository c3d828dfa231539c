import "server-only";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { reportCsv } from "./csv";
import type { ReportQuery, ReportTable } from "./schemas";
import { appointmentReport } from "./service";

/** One table of the report as a CSV file: its name says what and when. */
export async function reportCsvFile(ctx: MemberContext, query: ReportQuery & { table: ReportTable }) {
  const report = await appointmentReport(ctx, query);
  return {
    filename: `appointments-by-${query.table.replace(/s$/, "")}-${query.from}-to-${query.to}.csv`,
    csv: reportCsv(report, query.table),
  };
}
