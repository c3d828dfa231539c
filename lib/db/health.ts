import "server-only";
import { sql } from "drizzle-orm";
import { withPlatform } from "./tenant";

/** One round trip through the platform wrapper; no tenant data. */
export async function databaseReachable(): Promise<boolean> {
  try {
    await withPlatform((tx) => tx.execute(sql`select 1`));
    return true;
  } catch {
    return false;
  }
}
