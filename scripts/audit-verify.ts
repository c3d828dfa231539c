// npm run audit:verify — walks every organization's sealed audit chain; exit 1 at the first broken
// link, or when rows have waited longer than the bound for their seal
// (`-- --max-unsealed-age <seconds>`, default AUDIT_MAX_UNSEALED_AGE_SECONDS or 300). Where the
// chains are anchored (AUDIT_ANCHOR_DIR and AUDIT_ANCHOR_KEY, or `-- --anchors <dir> --public-key
// <file>`), every organization's chain is also checked against its signed anchors, which catches
// the newest rows deleted.
// npm run audit:verify -- --file export.ndjson [--anchors <dir> --public-key <file>] — verifies an
// export from the audit console with nothing but the file (no database), and the anchors that fall
// in its range: exit 0 when every link, hash and anchor holds, 1 otherwise.
// npm run audit:verify -- --file export.ndjson --report access-report.json — also checks a
// patient's access report against that export of its days: every event it lists is in the chain as
// shown, and no other row of those days names the patient.
import { readFile } from "node:fs/promises";
import type { KeyObject } from "node:crypto";
import { anchorPublicKey, checkAnchors, type AuditAnchor } from "@/lib/audit/anchor";
import { checkOrganizationAnchors, configuredAnchorPublicKey, readAnchorFile } from "@/lib/audit/anchor-store";
import { verifyExportText, type ExportHeader, type ExportedAuditRow } from "@/lib/audit/canonical";
import { checkAccessReport } from "@/lib/audit/report-check";
import { chainFailed, verifyAllChains } from "@/lib/audit/verify";
import { closeDb } from "@/lib/db/client";
import { config } from "@/lib/config/env";
import { openScriptDatabase } from "./database";
import { scriptFailure } from "@/lib/observability/safe-error";

function option(argv: string[], name: string): string | null {
  const at = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) return null;
  const value = argv[at]!.includes("=") ? argv[at]!.slice(name.length + 1) : argv[at + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} takes a value`);
  return value;
}

function maxUnsealedAge(argv: string[]): number {
  const value = option(argv, "--max-unsealed-age");
  if (value === null) return config().auditMaxUnsealedAgeSeconds;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error("--max-unsealed-age takes a whole number of seconds");
  return seconds;
}

/** The anchors to check: from the options, else from the configuration; null when there are none. */
async function anchorsToCheck(argv: string[]): Promise<{ dir: string; publicKey: KeyObject } | null> {
  const dir = option(argv, "--anchors");
  const keyFile = option(argv, "--public-key");
  if (dir || keyFile) {
    if (!dir || !keyFile) throw new Error("--anchors and --public-key go together");
    return { dir, publicKey: anchorPublicKey(await readFile(keyFile, "utf8")) };
  }
  const publicKey = configuredAnchorPublicKey();
  return publicKey ? { dir: config().auditAnchorDir!, publicKey } : null;
}

async function verifyFile(file: string, argv: string[]): Promise<void> {
  const text = await readFile(file, "utf8");
  const check = verifyExportText(text);
  if (!check.ok) {
    console.log(`BROKEN ${file}: line ${check.line}: ${check.reason} (${check.rows} rows verified before it)`);
    process.exitCode = 1;
    return;
  }
  if (check.rows === 0) console.log(`ok     ${file}: no sealed events in its range`);
  else {
    console.log(
      `ok     ${file}: ${check.rows} rows, seq ${check.firstSeq}–${check.lastSeq}, every link and hash holds${check.startsChain ? " (from the chain's start)" : ""}`,
    );
    console.log(
      `       head hash ${check.headHash}: compare it with the chain head the organization's audit console shows for seq ${check.lastSeq}`,
    );
  }
  const anchors = option(argv, "--anchors") || option(argv, "--public-key") ? await anchorsToCheck(argv) : null;
  if (!anchors) return;
  const lines = text.split("\n").filter((l) => l.trim());
  const header = JSON.parse(lines[0]!) as ExportHeader;
  const hashes = new Map(
    lines
      .slice(1)
      .map((l) => JSON.parse(l) as ExportedAuditRow)
      .map((r) => [r.seq, r.rowHash]),
  );
  const stored = await readAnchorFile(anchors.dir, header.organizationId);
  const inRange = (a: AuditAnchor) =>
    check.firstSeq !== null && check.lastSeq !== null && a.seq >= check.firstSeq && a.seq <= check.lastSeq;
  const covered = { anchors: stored.anchors.filter(inRange), unreadable: stored.unreadable };
  const result = checkAnchors(header.organizationId, covered, anchors.publicKey, (seq) => hashes.get(seq), check.lastSeq ?? 0);
  for (const p of result.problems) console.log(`BROKEN ${file}: ${p.problem}`);
  if (result.problems.length) process.exitCode = 1;
  else
    console.log(
      `ok     ${file}: ${result.checked} signed anchors in its range match (${stored.anchors.length - covered.anchors.length} fall outside it)`,
    );
}

/** A patient's access report against the export of its days: every listed event in the chain as shown, none missing. */
async function verifyReport(reportFile: string, exportFile: string): Promise<void> {
  const result = checkAccessReport(await readFile(reportFile, "utf8"), await readFile(exportFile, "utf8"));
  for (const problem of result.problems) console.log(`BROKEN ${reportFile}: ${problem}`);
  if (!result.ok) {
    process.exitCode = 1;
    return;
  }
  console.log(
    `ok     ${reportFile}: ${result.confirmed} of ${result.listed} sealed events are in the export as listed, and no other row of its days names the patient`,
  );
}

async function main() {
  const argv = process.argv.slice(2);
  const file = option(argv, "--file");
  const report = option(argv, "--report");
  if (report && !file) throw new Error("--report is checked against an export: give it with --file <export.ndjson>");
  if (file) {
    await verifyFile(file, argv);
    if (report && process.exitCode !== 1) await verifyReport(report, file);
    return;
  }
  const maxUnsealedAgeSeconds = maxUnsealedAge(argv);
  const anchors = await anchorsToCheck(argv);
  const db = await openScriptDatabase();
  await db.useRuntimeRole();
  let failed = 0;
  try {
    const reports = await verifyAllChains({ maxUnsealedAgeSeconds });
    for (const r of reports) {
      let broken = chainFailed(r);
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
      let anchored = "";
      if (anchors) {
        const a = await checkOrganizationAnchors(r.organizationId, anchors.dir, anchors.publicKey);
        for (const p of a.problems) console.log(`BROKEN organization ${r.organizationId}: ${p.problem}`);
        if (a.problems.length) broken = true;
        anchored = `, ${a.checked} signed anchors match`;
      }
      if (broken) failed += 1;
      else console.log(`ok     organization ${r.organizationId}: ${r.rows} rows, chain intact${anchored}`);
    }
    console.log(
      failed === 0
        ? `audit:verify: ${reports.length} organizations, every chain intact${anchors ? " and matching its anchors" : ""}`
        : `audit:verify: ${failed} of ${reports.length} organizations have a broken chain, rows left unsealed${anchors ? " or a chain that no longer matches its anchors" : ""}`,
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
