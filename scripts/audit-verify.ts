// npm run audit:verify — walks every organization's sealed audit chain; exit 1 at the first broken
// link, or when rows have waited longer than the bound for their seal
// (`-- --max-unsealed-age <seconds>`, default AUDIT_MAX_UNSEALED_AGE_SECONDS or 300).
// npm run audit:verify -- --file export.ndjson — verifies an export from the audit console with
// nothing but the file (no database): exit 0 when every link and hash holds, 1 otherwise.
import { readFile } from "node:fs/promises";
import { verifyExportText } from "@/lib/audit/canonical";
import { chainFailed, verifyAllChains } from "@/lib/audit/verify";
import { closeDb } from "@/lib/db/client";
import { config } from "@/lib/config/env";
import { openScriptDatabase } from "./database";
import { scriptFailure } from "@/lib/observability/safe-error";

function maxUnsealedAge(argv: string[]): number {
  const at = argv.findIndex((a) => a === "--max-unsealed-age" || a.startsWith("--max-unsealed-age="));
  if (at < 0) return config().auditMaxUnsealedAgeSeconds;
  const value = argv[at]!.includes("=") ? argv[at]!.split("=")[1] : argv[at + 1];
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error("--max-unsealed-age takes a whole number of seconds");
  return seconds;
}

function fileArgument(argv: string[]): string | null {
  const at = argv.findIndex((a) => a === "--file" || a.startsWith("--file="));
  if (at < 0) return null;
  const value = argv[at]!.includes("=") ? argv[at]!.slice("--file=".length) : argv[at + 1];
  if (!value) throw new Error("--file takes the path of an NDJSON export");
  return value;
}

async function verifyFile(file: string): Promise<void> {
  const check = verifyExportText(await readFile(file, "utf8"));
  if (!check.ok) {
    console.log(`BROKEN ${file}: line ${check.line}: ${check.reason} (${check.rows} rows verified before it)`);
    process.exitCode = 1;
    return;
  }
  if (check.rows === 0) {
    console.log(`ok     ${file}: no sealed events in its range`);
    return;
  }
  console.log(
    `ok     ${file}: ${check.rows} rows, seq ${check.firstSeq}–${check.lastSeq}, every link and hash holds${check.startsChain ? " (from the chain's start)" : ""}`,
  );
  console.log(
    `       head hash ${check.headHash}: compare it with the chain head the organization's audit console shows for seq ${check.lastSeq}`,
  );
}

async function main() {
  const file = fileArgument(process.argv.slice(2));
  if (file) return verifyFile(file);
  const maxUnsealedAgeSeconds = maxUnsealedAge(process.argv.slice(2));
  const db = await openScriptDatabase();
  await db.useRuntimeRole();
  let failed = 0;
  try {
    const reports = await verifyAllChains({ maxUnsealedAgeSeconds });
    for (const r of reports) {
      if (chainFailed(r)) failed += 1;
      if (r.firstBreak) {
        const b = r.firstBreak;
        console.log(`BROKEN organization ${r.organizationId}: first broken link at seq ${b.seq} (row ${b.id}): ${b.reason} — ${b.detail}`);
      }
      if (r.staleUnsealed) {
        const s = r.staleUnsealed;
        console.log(
          `STALE  organization ${r.organizationId}: ${s.rows} rows unsealed for more than ${s.maxAgeSeconds} s (oldest written ${s.oldestAt.toISOString()}) — nothing is sealing this chain (no writer, worker or server sealer ran)`,
        );
      }
      if (!chainFailed(r)) console.log(`ok     organization ${r.organizationId}: ${r.rows} rows, chain intact`);
    }
    console.log(
      failed === 0
        ? `audit:verify: ${reports.length} organizations, every chain intact`
        : `audit:verify: ${failed} of ${reports.length} organizations have a broken chain or rows left unsealed`,
    );
  } finally {
    await closeDb();
    await db.close();
  }
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error("audit:verify failed:", scriptFailure(err));
  process.exitCode = 2;
});
