// npm run bench:audit — readers of one organization at 1, 5 and 20 concurrent clients, each doing
// the staff day list through the real read path (runAsMember: membership and permission,
// memberAppointments, its audit, commit), for BENCH_SECONDS (default 5) per level. Needs a local
// PostgreSQL (DATABASE_URL); makes and drops its own database. Figures go into docs/benchmarks.md
// (`-- --no-write` prints them only). It uses only the read path that older checkouts also have, so
// the same file run in a checkout from before readers' rows were sealed afterwards (one row per
// patient, chained under the organization's lock) measures that design for comparison.
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import type * as SealerModule from "@/lib/audit/sealer";
import { verifyOrganizationChain } from "@/lib/audit/verify";
import { closeDb } from "@/lib/db/client";
import type { Organization } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { createScratchDatabase } from "@/lib/db/test-database";
import { membershipsRepo } from "@/lib/memberships/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { patientsRepo } from "@/lib/patients/repository";
import { runAsMember } from "@/lib/pipeline/run-in-tenant";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { memberAppointments } from "@/lib/scheduling/day-view";
import { dayBounds } from "@/lib/time/calendar";
import { platformUsers } from "@/lib/users/platform-repository";
import { config, reloadConfig } from "@/lib/config/env";
import { writeGeneratedBlock } from "./bench/report";
import { ms, summarize, type Summary } from "./bench/stats";

const TZ = "America/New_York";
const LEVELS = [1, 5, 20];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PROVIDERS = 4;
const VISITS = 40;
/** Rows shaped like a read's (every visit's record and patient listed) sealed in one timed go. */
const SEAL_ROWS = Number(process.env.BENCH_SEAL_ROWS ?? 5000);

type Sealer = typeof SealerModule;

/** The sealer, where this checkout has one (an older checkout chains every row at insert). */
async function loadSealer(): Promise<Sealer | null> {
  try {
    return await import("@/lib/audit/sealer");
  } catch {
    return null;
  }
}

type Fixture = { orgId: string; userId: string; organization: Organization; date: string };
type Level = { clients: number; reads: number; perSecond: number; latency: Summary; auditRows: number };

async function setUp(): Promise<Fixture> {
  const org = await withPlatform((tx) =>
    platformOrganizations(tx).create({ input: { name: "Bench Hospital", slug: "bench-audit", timeZone: TZ, plan: "enterprise" } }),
  );
  const user = await withPlatform((tx) => platformUsers(tx).create({ input: { email: "desk@bench-audit.test", name: "Front Desk" } }));
  const date = Temporal.Now.plainDateISO(TZ).add({ days: 1 }).toString();
  const dayStart = dayBounds(date, TZ).from;
  await withTenant(org.id, async (tx) => {
    await membershipsRepo(tx, org.id).add({ userId: user.id, role: "staff" });
    const type = await appointmentTypesRepo(tx, org.id).create({ input: { name: "Visit", durationMinutes: 15 } });
    const providers = [];
    for (let p = 0; p < PROVIDERS; p++) providers.push(await providersRepo(tx, org.id).create({ input: { name: `Dr. Bench ${p}` } }));
    for (let v = 0; v < VISITS; v++) {
      const patient = await patientsRepo(tx, org.id).create({
        input: { mrn: `BA-${v}`, firstName: "Bench", lastName: `Patient ${v}`, dateOfBirth: "1980-01-01" },
      });
      const startsAt = new Date(dayStart.getTime() + (8 * 60 + 15 * Math.floor(v / PROVIDERS)) * 60_000);
      await appointmentsRepo(tx, org.id).create({
        input: {
          patientId: patient.id,
          providerId: providers[v % PROVIDERS]!.id,
          appointmentTypeId: type.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 15 * 60_000),
        },
      });
    }
  });
  const organization = await withTenant(org.id, (tx) => organizationRepo(tx, org.id).get());
  return { orgId: org.id, userId: user.id, organization, date };
}

/** One staff day-list read through the pipeline, audited as this checkout audits it. */
async function readOnce(f: Fixture, n: number): Promise<number> {
  const request = { requestId: `bench-${n}`, ip: "203.0.113.9", userAgent: "bench:audit" };
  const view = await runAsMember(
    { orgId: f.orgId, actor: { type: "user", userId: f.userId }, permission: "appointments:read", request },
    (ctx) => memberAppointments(ctx, f.organization, { date: f.date }),
  );
  if (view.data.length !== VISITS) throw new Error(`expected ${VISITS} visits on the list, got ${view.data.length}`);
  return view.data.length;
}

async function auditRowCount(orgId: string): Promise<number> {
  const [row] = await withTenant(orgId, (tx) =>
    tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_logs where organization_id = ${orgId}`),
  );
  return row!.n;
}

async function runLevel(f: Fixture, clients: number): Promise<Level> {
  const before = await auditRowCount(f.orgId);
  const latencies: number[] = [];
  let counter = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await readOnce(f, counter++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const auditRows = (await auditRowCount(f.orgId)) - before;
  return { clients, reads: latencies.length, perSecond: latencies.length / elapsed, latency: summarize(latencies), auditRows };
}

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error("bench:audit needs DATABASE_URL pointing at a local PostgreSQL (e.g. postgres://postgres@127.0.0.1:5432/postgres).");
    process.exitCode = 2;
    return;
  }
  const db = await createScratchDatabase("agentcare_bench_audit");
  process.env.DATABASE_URL = db.appUrl;
  process.env.DATABASE_SESSION_ROLE = "none";
  process.env.DATABASE_POOL_MAX = String(Math.max(...LEVELS) + 2);
  reloadConfig();
  const owner = postgres(db.adminUrl, { max: 1, onnotice: () => {} });
  try {
    const sealer = await loadSealer();
    const design = sealer ? "one row per read, sealed afterwards" : "one row per patient, chained at insert";
    const f = await setUp();
    // Warm the path (plans, pool) before timing.
    for (let i = 0; i < 40; i++) await readOnce(f, -i);

    const results: Level[] = [];
    for (const clients of LEVELS) {
      const level = await runLevel(f, clients);
      results.push(level);
      process.stderr.write(`[bench] ${design}, ${clients} clients: ${level.perSecond.toFixed(0)} reads/s\n`);
    }

    // What the readers left for the sealer, sealed in one go (a server's sealer does this every few seconds).
    let sealing: Sealing | null = null;
    if (sealer) {
      await sealer.stopAuditSealer();
      const [waiting] = await withTenant(f.orgId, (tx) =>
        tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_logs where organization_id = ${f.orgId} and seq is null`),
      );
      const started = performance.now();
      const sealed = await sealer.sealOrganization(f.orgId);
      sealing = { waiting: waiting!.n, sealed, seconds: (performance.now() - started) / 1000 };
    }
    // The seal's own cost per row: rows copied from a read's row (same lists, stamped anew by the
    // insert trigger), then sealed in one go, twice (the second time with the table warm).
    const sealCost: SealCost[] = [];
    if (sealer) {
      for (let run = 0; run < 2; run++) {
        await withTenant(f.orgId, (tx) =>
          tx.execute(sql`
            insert into audit_logs (organization_id, actor_type, actor_user_id, actor_role, action, resource_type, patient_ids, resource_ids, request_id, ip, user_agent)
            select a.organization_id, a.actor_type, a.actor_user_id, a.actor_role, a.action, a.resource_type, a.patient_ids, a.resource_ids, 'bench-seal-' || g, a.ip, a.user_agent
              from (select * from audit_logs where organization_id = ${f.orgId} and action = 'view' order by seq desc limit 1) a, generate_series(1, ${SEAL_ROWS}) g`),
        );
        const started = performance.now();
        const sealed = await sealer.sealOrganization(f.orgId);
        sealCost.push({ sealed, seconds: (performance.now() - started) / 1000 });
      }
    }
    const report = await verifyOrganizationChain(f.orgId);
    if (report.firstBreak) throw new Error("the audit chain is not intact after the run");

    const [version] = await owner<{ v: string }[]>`select current_setting('server_version') as v`;
    const text = renderReport({
      design,
      results,
      sealing,
      sealCost,
      chainRows: report.rows,
      facts: { cores: os.cpus().length, pg: version!.v, date: new Date().toISOString().slice(0, 10) },
    });
    console.log(text);
    if (!process.argv.includes("--no-write")) {
      writeGeneratedBlock(path.join(process.cwd(), "docs", "benchmarks.md"), text, {
        begin: "<!-- bench:audit:begin — generated by `npm run bench:audit`; edits inside are overwritten -->",
        end: "<!-- bench:audit:end -->",
        heading: "## Audit log under concurrent readers (`npm run bench:audit`)",
      });
    }
  } finally {
    await (await loadSealer())?.stopAuditSealer();
    await owner.end({ timeout: 5 });
    await closeDb();
    await db.drop();
  }
}

type Sealing = { waiting: number; sealed: number; seconds: number };
type SealCost = { sealed: number; seconds: number };

function renderReport(r: {
  design: string;
  results: Level[];
  sealing: Sealing | null;
  sealCost: SealCost[];
  chainRows: number;
  facts: { cores: number; pg: string; date: string };
}): string {
  const single = r.results.find((x) => x.clients === 1)!.perSecond;
  const lines = [
    `Command: \`DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:audit\` · ${r.facts.date} · ${r.facts.cores} cores · PostgreSQL ${r.facts.pg}`,
    "",
    `Audit design: ${r.design}. One organization; the front desk's day list of ${VISITS} visits (${VISITS} patients, ${PROVIDERS} providers) read through \`runAsMember\` + \`memberAppointments\` (membership, permission, list, audit, commit), ${SECONDS} s per level, a pool of ${Math.max(...LEVELS) + 2} connections. Latency in milliseconds.`,
    "",
    "| clients | reads / s | × 1 client | median | p95 | audit rows per read |",
    "|---|---|---|---|---|---|",
    ...r.results.map(
      (x) =>
        `| ${x.clients} | ${x.perSecond.toFixed(0)} | ${(x.perSecond / single).toFixed(2)}× | ${ms(x.latency.median)} | ${ms(x.latency.p95)} | ${(x.auditRows / Math.max(x.reads, 1)).toFixed(1)} |`,
    ),
    "",
    r.sealing
      ? `Sealing: when the readers stopped, ${r.sealing.waiting} rows were waiting (the in-process sealer, every ${config().auditSealIntervalSeconds} s, had sealed the rest); \`sealOrganization\` sealed ${r.sealing.sealed} in ${r.sealing.seconds.toFixed(2)} s. The chain then verified intact: ${r.chainRows} sealed rows.`
      : `The chain verified intact: ${r.chainRows} rows.`,
  ];
  if (r.sealCost.length) {
    const perRow = r.sealCost.map((c) => `${((c.seconds * 1000) / Math.max(c.sealed, 1)).toFixed(3)} ms`).join(" and ");
    lines.push(
      "",
      `Sealing alone: ${r.sealCost.map((c) => `${c.sealed} rows like a read's (${VISITS} records and patients listed) in ${c.seconds.toFixed(2)} s`).join(", then ")} — ${perRow} a row (sealed in batches of 1,000, one transaction each).`,
    );
  }
  return lines.join("\n");
}

main().catch((err) => {
  console.error("bench:audit failed:", err);
  process.exitCode = 1;
});
