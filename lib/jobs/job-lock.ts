import "server-only";
import { sql } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";

// Several workers run the same periodic jobs over the same organizations. Each job takes a
// transaction-scoped advisory lock per organization first and skips the organization when another
// worker holds it: the work is idempotent anyway (unique indexes, conditional updates, the audit
// chain's own lock), the lock only keeps workers from doing it twice at the same moment.
const JOB_LOCK_SPACE = 1_869_180_261;

export async function tryJobLock(tx: TenantTx, orgId: string, job: string): Promise<boolean> {
  const [row] = await tx.execute<{ locked: boolean }>(
    sql`select pg_try_advisory_xact_lock(${JOB_LOCK_SPACE}, hashtext(${`${orgId}:${job}`})) as locked`,
  );
  return row?.locked === true;
}
