import { accessReportQuerySchema } from "@/lib/audit/schemas";
import { ACCESS_REPORT_READ_LIMIT, openAccessReport } from "@/lib/audit/patient-report";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

// GET — the access report a link from the e-mail opens, for ?from=&to= (days; the last 90 by
// default). `?download=1` answers the same JSON as a file. An invalid or expired link is 404.
export const GET = publicRoute(
  { query: accessReportQuerySchema, limitPerMinute: ACCESS_REPORT_READ_LIMIT },
  async ({ query, params, ctx, organization, request }) => {
    const report = await openAccessReport({ ...ctx, organization }, params.token ?? "", query);
    const download = new URL(request.url).searchParams.get("download") === "1";
    if (!download) return { data: report };
    return new Response(`${JSON.stringify({ data: report }, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="access-report-${report.period.from}-to-${report.period.to}.json"`,
      },
    });
  },
);
