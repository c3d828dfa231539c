// npm run bench:isolation — what tenant isolation costs per read, and whether a tenant's reads stay
// flat as other tenants' data grows. Needs DATABASE_URL of a local PostgreSQL 15+ as a superuser:
// it creates, loads and drops two scratch databases. Method and findings: docs/benchmarks.md.
import crypto from "node:crypto";
import path from "node:path";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { closeDb, rawSql } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { assertLocalDatabase, createScratchDatabase, type ScratchDatabase } from "@/lib/db/test-database";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { explainSql, indexesInPlan, queryRecorder, type CapturedQuery } from "./bench/explain";
import { renderReport, writeGeneratedBlock, type DatasetRun, type Explained } from "./bench/report";
import { seedDataset, type DatasetShape } from "./bench/seed";
import { prng, shuffle } from "./bench/stats";
import { reloadConfig } from "@/lib/config/env";
import {
  asTenantTx,
  checkPipelineOrder,
  key,
  operations,
  QUERIES,
  VARIANTS,
  type DayTarget,
  type PatientTarget,
  type QueryName,
} from "./bench/variants";

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

const config = {
  iterations: envInt("BENCH_ITERATIONS", 2000),
  blockSize: envInt("BENCH_BLOCK", 250),
  warmup: envInt("BENCH_WARMUP", 300),
  blockWarmup: envInt("BENCH_BLOCK_WARMUP", 40),
  seed: envInt("BENCH_SEED", 20240601),
  writeDoc: !process.argv.includes("--no-write"),
};

// Every organization has the same shape, so the two databases differ only in how many other
// tenants share the tables.
const SHAPE = { providersPerOrg: 4, patientsPerOrg: 200, appointmentsPerOrg: 1000, spanDays: 730 };
const DATASETS: { name: "small" | "large"; shape: DatasetShape }[] = [
  { name: "small", shape: { organizations: envInt("BENCH_SMALL_ORGS", 10), ...SHAPE } },
  { name: "large", shape: { organizations: envInt("BENCH_LARGE_ORGS", 1000), ...SHAPE } },
];

type Bench = Omit<DatasetRun, "seed"> &
  Partial<Pick<DatasetRun, "seed">> & {
    scratch: ScratchDatabase;
    days: DayTarget[];
    patients: PatientTarget[];
  };

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

let interrupted: NodeJS.Signals | undefined;

function checkInterrupted() {
  if (interrupted) throw new Error(`interrupted by ${interrupted}`);
}

// Every scratch database of this run starts with this tag, so cleanup can find one even if
// createScratchDatabase failed after creating it (e.g. in a migration) and never returned it.
const RUN_TAG = `agentcare_bench_${crypto.randomBytes(3).toString("hex")}`;

async function withServer<T>(baseUrl: string, fn: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

function cancelStatements(baseUrl: string) {
  return withServer(
    baseUrl,
    (admin) => admin`select pg_cancel_backend(pid) from pg_stat_activity
                      where datname like ${`${RUN_TAG}\\_%`} and pid <> pg_backend_pid()`,
  );
}

async function dropLeftovers(baseUrl: string) {
  await withServer(baseUrl, async (admin) => {
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${RUN_TAG}\\_%`}`;
    for (const { datname } of rows) {
      log(`dropping leftover scratch database ${datname}`);
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
  });
}

function refuse(message: string): never {
  console.error(`bench:isolation refused: ${message}`);
  process.exit(2);
}

async function preflight(url: string | undefined) {
  if (!url) {
    refuse(
      "DATABASE_URL is not set. This benchmark needs a real local PostgreSQL 15+ as a superuser (it creates, " +
        "loads and drops two scratch databases; the embedded database is not supported), e.g.\n" +
        "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:isolation",
    );
  }
  let parsed: URL;
  try {
    parsed = assertLocalDatabase(url);
  } catch (err) {
    refuse(err instanceof Error ? err.message : String(err));
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) refuse(`DATABASE_URL must be a postgres:// URL (got ${parsed.protocol}).`);
  const probe = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [row] = await probe<{ num: number; version: string; superuser: boolean; shared_buffers: string }[]>`
      select current_setting('server_version_num')::int as num, version() as version,
             (select rolsuper from pg_roles where rolname = current_user) as superuser,
             current_setting('shared_buffers') as shared_buffers`;
    if (!row || row.num < 150000) refuse(`PostgreSQL 15+ is required (the server reports ${row?.version}).`);
    // The baseline reads as the owner without RLS; FORCE RLS would bind a non-superuser owner.
    if (!row.superuser) refuse("DATABASE_URL must log in as a superuser (the raw baseline must bypass RLS).");
    return { serverVersion: row.version, sharedBuffers: row.shared_buffers };
  } catch (err) {
    if ((err as { code?: string }).code === "ECONNREFUSED") refuse(`cannot connect to PostgreSQL at ${parsed.host}.`);
    throw err;
  } finally {
    await probe.end({ timeout: 5 });
  }
}

async function loadDataset(bench: Bench) {
  // A connection of its own, closed afterwards: the backend that loaded a million rows is not
  // the one that gets timed.
  const loader = postgres(bench.scratch.adminUrl, { max: 1, onnotice: () => {} });
  try {
    bench.seed = await seedDataset(loader, bench.shape);
    // More targets than iterations, so timed reads mostly meet pages no earlier read has warmed.
    const n = 10_000;
    const days = await loader<{ organization_id: string; provider_id: string; day: Date }[]>`
      select organization_id, provider_id, date_trunc('day', starts_at at time zone 'UTC') at time zone 'UTC' as day
        from appointments order by random() limit ${n}`;
    const patients = await loader<{ organization_id: string; id: string }[]>`
      select organization_id, id from patients order by random() limit ${n}`;
    bench.days = days.map((r) => ({
      orgId: r.organization_id,
      providerId: r.provider_id,
      from: r.day,
      to: new Date(r.day.getTime() + 86_400_000),
    }));
    bench.patients = patients.map((r) => ({ orgId: r.organization_id, patientId: r.id }));
  } finally {
    await loader.end({ timeout: 5 });
  }
}

let ownerDb: PostgresJsDatabase<typeof schema> | undefined;

/**
 * withTenant uses the process-wide pool built from DATABASE_URL; reopen it on the other
 * database. The pool holds one connection, and the raw baseline runs on that same connection,
 * so no variant is favoured by a warmer or cooler backend.
 */
async function connect(bench: Bench) {
  await closeDb();
  process.env.DATABASE_URL = bench.scratch.adminUrl;
  reloadConfig();
  ownerDb = drizzle(rawSql(), { schema });
  return ownerDb;
}

/** One iteration: the same targets through every variant, in shuffled order, each timed alone. */
async function iterate(bench: Bench, i: number, random: () => number, record: boolean) {
  checkInterrupted();
  const db = ownerDb!;
  const day = bench.days[i % bench.days.length]!;
  const patient = bench.patients[i % bench.patients.length]!;
  const ops = operations(db, day, patient);
  const counts: Record<string, number> = {};
  for (const name of shuffle(Object.keys(ops), random)) {
    const started = performance.now();
    const rows = await ops[name]!();
    const elapsed = performance.now() - started;
    counts[name] = rows.length;
    if (record) {
      (bench.samples[name] ??= []).push(elapsed);
      bench.rows[name] = (bench.rows[name] ?? 0) + rows.length;
    }
  }
  // RLS must show exactly what the explicit filter shows: every variant does the same real work.
  for (const q of QUERIES) {
    for (const v of VARIANTS) {
      if (counts[key(v, q)] !== counts[key("owner", q)]) {
        throw new Error(`${bench.name}: ${q} returned ${counts[key(v, q)]} rows via ${v}, ${counts[key("owner", q)]} as owner`);
      }
    }
  }
  if (!record) await checkPipelineOrder(db, day, patient.orgId);
}

async function measure(benches: Bench[]) {
  const random = prng(config.seed);
  let cursor = 0;
  for (const bench of benches) {
    await connect(bench);
    for (let i = 0; i < config.warmup; i++) await iterate(bench, cursor++, random, false);
  }
  // Blocks in A B B A order, each on a fresh connection: slow drift on a noisy machine and any
  // per-backend luck fall on both databases alike.
  const blocks = Math.ceil(config.iterations / config.blockSize);
  for (let b = 0; b < blocks; b++) {
    for (const bench of b % 2 === 0 ? benches : [...benches].reverse()) {
      await connect(bench);
      for (let i = 0; i < config.blockWarmup; i++) await iterate(bench, cursor++, random, false);
      const n = Math.min(config.blockSize, config.iterations - b * config.blockSize);
      for (let i = 0; i < n; i++) await iterate(bench, cursor++, random, true);
    }
    log(`measured block ${b + 1}/${blocks}`);
  }
}

async function explain(bench: Bench): Promise<Explained[]> {
  const owner = await connect(bench);
  const recorder = queryRecorder();
  const capture = drizzle(rawSql(), { schema, logger: recorder.logger });
  const day = bench.days[0]!;
  // A patient with bookings ahead, so the plan shows rows.
  const [ahead] = await rawSql()<{ organization_id: string; patient_id: string }[]>`
    select organization_id, patient_id from appointments
     where starts_at > now() and status = 'scheduled' order by random() limit 1`;
  const patient = ahead ? { orgId: ahead.organization_id, patientId: ahead.patient_id } : bench.patients[0]!;

  const captured: { query: QueryName; orgId: string; sql: CapturedQuery }[] = [];
  await capture.transaction((tx) =>
    appointmentsRepo(asTenantTx(tx), day.orgId).listForProvider({ providerId: day.providerId, from: day.from, to: day.to }),
  );
  captured.push({ query: "day", orgId: day.orgId, sql: recorder.take() });
  await capture.transaction((tx) => appointmentsRepo(asTenantTx(tx), patient.orgId).upcomingForPatient({ patientId: patient.patientId }));
  captured.push({ query: "patient", orgId: patient.orgId, sql: recorder.take() });

  const lines = (rows: Record<string, unknown>[]) => rows.map((r) => String(r["QUERY PLAN"]));
  const out: Explained[] = [];
  for (const c of captured) {
    await withTenant(c.orgId, (tx) => tx.execute(explainSql(c.sql))); // warm the pages first
    const tenantPlan = lines(await withTenant(c.orgId, (tx) => tx.execute(explainSql(c.sql))));
    const ownerPlan = lines(await owner.transaction((tx) => tx.execute(explainSql(c.sql))));
    out.push({ query: c.query, tenantPlan, ownerPlan, indexes: await indexesInPlan(rawSql(), tenantPlan) });
  }
  return out;
}

async function main() {
  const started = performance.now();
  const startedAt = new Date();
  const baseUrl = process.env.DATABASE_URL;
  const facts = await preflight(baseUrl);
  // The app pool logs in as the owner (superuser) here, so the baseline can share its connection;
  // withTenant still switches to agentcare_app, and RLS applies exactly as in production.
  process.env.DATABASE_POOL_MAX = "1";
  process.env.DATABASE_SESSION_ROLE = "none";
  reloadConfig();

  const benches: Bench[] = [];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await closeDb().catch(() => {});
    process.env.DATABASE_URL = baseUrl;
    reloadConfig();
    for (const bench of benches) {
      await bench.scratch.drop().catch((err) => log(`could not drop a scratch database: ${err}`));
    }
    await dropLeftovers(baseUrl!).catch((err) => log(`could not look for leftover databases (${RUN_TAG}_*): ${err}`));
  };
  // Ctrl-C: cancel whatever statement runs in the scratch databases and let main unwind through
  // its finally (dropping them under a live connection would crash postgres.js mid-write).
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      log(`${signal} again: exiting now; drop any database named ${RUN_TAG}_* by hand`);
      process.exit(130);
    }
    interrupted = signal;
    log(`${signal}: stopping, then dropping the scratch databases …`);
    void cancelStatements(baseUrl!).catch(() => {});
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("uncaughtException", (err) => {
    console.error("bench:isolation crashed:", err);
    void cleanup().finally(() => process.exit(1));
  });

  try {
    for (const { name, shape } of DATASETS) {
      checkInterrupted();
      const scratch = await createScratchDatabase(`${RUN_TAG}_${name}`);
      benches.push({ name, shape, scratch, days: [], patients: [], samples: {}, rows: {} });
      if (scratch.embedded) throw new Error("createScratchDatabase returned an embedded database");
    }
    for (const bench of benches) {
      checkInterrupted();
      log(`loading ${bench.name}: ${bench.shape.organizations} organizations × ${bench.shape.appointmentsPerOrg} appointments …`);
      await loadDataset(bench);
      log(`loaded ${bench.name}: ${bench.seed!.appointments} appointments in ${bench.seed!.seconds.toFixed(1)} s`);
    }
    log(`timing ${config.iterations} iterations × ${VARIANTS.length * QUERIES.length} operations per database …`);
    await measure(benches);
    log("explaining the plans in the large database …");
    const plans = await explain(benches[1]!);
    const report = renderReport(benches as unknown as [DatasetRun, DatasetRun], plans, {
      ...facts,
      startedAt,
      elapsedSeconds: (performance.now() - started) / 1000,
      iterations: config.iterations,
      warmup: config.warmup,
      blockWarmup: config.blockWarmup,
      blockSize: config.blockSize,
      seed: config.seed,
    });
    console.log(report);
    if (config.writeDoc) {
      const file = path.join(process.cwd(), "docs", "benchmarks.md");
      writeGeneratedBlock(file, report);
      log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  if (interrupted) {
    log(`stopped by ${interrupted}; scratch databases dropped`);
    process.exitCode = 130;
    return;
  }
  console.error("bench:isolation failed:", err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
