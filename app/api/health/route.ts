import { sql } from "drizzle-orm";
import { withPlatform } from "@/lib/db/tenant";

export const dynamic = "force-dynamic";

// Liveness plus a database round-trip; touches no tenant data.
export async function GET() {
  try {
    await withPlatform((tx) => tx.execute(sql`select 1`));
    return Response.json({ status: "ok", database: "ok" });
  } catch {
    return Response.json({ status: "degraded", database: "unreachable" }, { status: 503 });
  }
}
