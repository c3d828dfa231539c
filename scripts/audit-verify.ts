// npm run audit:verify — walks every organization's audit chain; exit 1 at the first broken link.
import { verifyAllChains } from "@/lib/audit/verify";
import { closeDb } from "@/lib/db/client";
import { openScriptDatabase } from "./database";
import { scriptFailure } from "@/lib/observability/safe-error";

async function main() {
  const db = await openScriptDatabase();
  await db.useRuntimeRole();
  let broken = 0;
  try {
    const reports = await verifyAllChains();
    for (const r of reports) {
      if (r.firstBreak) {
        broken += 1;
        const b = r.firstBreak;
        console.log(`BROKEN organization ${r.organizationId}: first broken link at seq ${b.seq} (row ${b.id}): ${b.reason} — ${b.detail}`);
      } else {
        console.log(`ok     organization ${r.organizationId}: ${r.rows} rows, chain intact`);
      }
    }
    console.log(
      broken === 0
        ? `audit:verify: ${reports.length} organizations, every chain intact`
        : `audit:verify: ${broken} of ${reports.length} organizations have a broken chain`,
    );
  } finally {
    await closeDb();
    await db.close();
  }
  process.exitCode = broken === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error("audit:verify failed:", scriptFailure(err));
  process.exitCode = 2;
});
