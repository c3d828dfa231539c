import { NotFoundError } from "@/lib/errors/app-error";
import { scrapeMetrics } from "@/lib/observability/scrape";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

// Prometheus metrics for the platform's operators: only with the operator token
// (`Authorization: Bearer <PLATFORM_ADMIN_TOKEN>`). Anyone else — anonymous, a tenant's user or
// API key, a signed-in operator account without the token — gets the same 404 as a route that does
// not exist, so the endpoint reveals nothing, not even that it is there.
export const GET = platformRoute({ credentials: { operator: true } }, async ({ caller }) => {
  if (caller.kind !== "operator" || caller.userId !== null) throw new NotFoundError("route");
  const { body, contentType } = await scrapeMetrics();
  return new Response(body, { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" } });
});
