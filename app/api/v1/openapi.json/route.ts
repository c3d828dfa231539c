import { openApiDocument } from "@/lib/api/openapi";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

export const GET = platformRoute({ credentials: false }, async () =>
  Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
);
