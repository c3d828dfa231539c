import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { reportCsvFile } from "@/lib/reports/export";
import { reportExportSchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/reports/export?from=&to=&provider=&type=&location=&table=days|providers|types — one table as CSV.
export const GET = tenantRoute({ permission: "reports:read", query: reportExportSchema }, async ({ query, ctx }) => {
  const file = await reportCsvFile(ctx, query);
  return new Response(file.csv, {
    status: 200,
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file.filename}"` },
  });
});
