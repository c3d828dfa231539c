import { databaseReachable } from "@/lib/db/health";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

// Liveness plus a database round-trip; touches no tenant data.
export const GET = platformRoute({ credentials: false }, async () =>
  (await databaseReachable())
    ? Response.json({ status: "ok", database: "ok" })
    : Response.json({ status: "degraded", database: "unreachable" }, { status: 503 }),
);
