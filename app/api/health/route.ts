import { databaseReachable } from "@/lib/db/health";
import { platformRoute } from "@/lib/pipeline/platform-route";
import { NON_PAGE_CSP, securityHeaders } from "@/lib/security/headers";

export const dynamic = "force-dynamic";

// Liveness plus a database round-trip; touches no tenant data. The middleware does not run for
// this path (it names no tenant), so the response carries the security headers itself.
export const GET = platformRoute({ credentials: false }, async ({ facts }) => {
  const reachable = await databaseReachable();
  return Response.json(reachable ? { status: "ok", database: "ok" } : { status: "degraded", database: "unreachable" }, {
    status: reachable ? 200 : 503,
    headers: securityHeaders(NON_PAGE_CSP, facts.protocol === "https:"),
  });
});
