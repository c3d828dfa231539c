// npm run bench:isolation — what tenant isolation costs per read, and whether a tenant's reads stay
// flat as other tenants' data grows. Needs DATABASE_URL of a local PostgreSQL (superuser: it
// creates and drops two scratch databases). Method and findings: docs/benchmarks.md.
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { closeDb } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { withTenant, type TenantTx, type Tx } from "@/lib/db/tenant";
import { assertLocalDatabase, createScratchDatabase, type ScratchDatabase } from "@/lib/db/test-database";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { explainSql, indexesInPlan, queryRecorder, type CapturedQuery, type IndexUse } from "./bench/explain";
import { table, writeGeneratedBlock } from "./bench/report";
import { seedDataset, type DatasetShape, type SeedResult } from "./bench/seed";
import { ms, prng, ratio, shuffle, summarize, type Summary } from "./bench/stats";

const AIM_OVERHEAD = 1.3;
const AIM_SCALE = 1.2;

const config = {
  iterations: envInt("BENCH_ITERATIONS", 2000),
  blockSize: envInt("BENCH_BLOCK", 250),
  warmup: envInt("BENCH_WARMUP", 300),
  blockWarmup: envInt("BENCH_BLOCK_WARMUP", 40),
  seed: envInt("BENCH_SEED", 20240601),
  writeDoc: !process.argv.includes("--no-write"),
};

const SHAPE = { providersPerOrg: 4, patientsPerOrg: 200, appointmentsPerOrg: 1000, spanDays: 730 };
const DATASETS: { name: "small" | "large"; shape: DatasetShape }[] = [
  { name: "small", shape: { organizations: envInt("BENCH_SMALL_ORGS", 10), ...SHAPE } },
  { name: "large", shape: { organizations: envInt("BENCH_LARGE_ORGS", 1000), ...SHAPE } },
];

type QueryName = "day" | "patient";
type Variant = "tenant" | "owner" | "ownerRoundTrip" | "literal" | "prepared" | "pipelined";
const QUERIES: QueryName[] = ["day", "patient"];
const VARIANTS: Variant[] = ["tenant", "owner", "ownerRoundTrip", "literal", "prepared", "pipelined"];
const QUERY_LABEL: Record<QueryName, string> = {
  day: "provider's day (`listForProvider`)",
  patient: "patient's upcoming (`upcomingForPatient`)",
};
const VARIANT_LABEL: Record<Variant, string> = {
  tenant: "withTenant (agentcare_runtime → agentcare_app, RLS)",
  owner: "owner, raw `organization_id = $1` (superuser, no RLS)",
  ownerRoundTrip: "owner + withTenant's parameterised `set_config` statement, no role switch (diagnostic)",
  literal: "withTenant's statements, with the validated UUID inlined into `set_config` instead of bound (diagnostic)",
  prepared: "withTenant's statements, with the id still bound but `set_config` sent as a named prepared statement (diagnostic)",
  pipelined: "as `literal`, and the `set_config` queued ahead of the query instead of awaited (diagnostic)",
};

type DayTarget = { orgId: string; providerId: string; from: Date; to: Date };
type PatientTarget = { orgId: string; patientId: string };

type Bench = {
  name: "small" | "large";
  shape: DatasetShape;
  scratch: ScratchDatabase;
  owner: postgres.Sql;
  ownerDb: PostgresJsDatabase<typeof schema>;
  seed?: SeedResult;
  days: DayTarget[];
  patients: PatientTarget[];
  samples: Record<string, number[]>;
  rows: Record<string, number>;
};

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const key = (variant: Variant, query: QueryName) => `${variant}:${query}`;
// The owner's transaction type is the tenant one minus the brand; the repository only uses tx.
const asTenantTx = (tx: Tx) => tx as TenantTx;

function refuse(message: string): never {
  console.error(`bench:isolation refused: ${message}`);
  process.exit(2);
}

async function preflight(url: string | undefined) {
  if (!url) {
    refuse(
      "DATABASE_URL is not set. This benchmark needs a real local PostgreSQL 15+ (it creates and drops two " +
        "scratch databases), e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:isolation",
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
    if (!row || row.num < 150000) refuse(`PostgreSQL 15+ required (server reports ${row?.version}).`);
    // The baseline reads as the table owner without RLS; FORCE RLS binds a non-superuser owner.
    if (!row.superuser) refuse("DATABASE_URL must log in as a superuser (creates databases; the baseline bypasses RLS).");
    return { version: row.version, sharedBuffers: row.shared_buffers };
  } catch (err) {
    if ((err as { code?: string }).code === "ECONNREFUSED") refuse(`cannot connect to ${parsed.host}.`);
    throw err;
  } finally {
    await probe.end({ timeout: 5 });
  }
}

async function sampleTargets(owner: postgres.Sql, n: number) {
  // drizzle() on this client turns its date parsers off, so timestamps arrive as strings.
  const days = await owner<{ organization_id: string; provider_id: string; day: string | Date }[]>`
    select organization_id, provider_id, date_trunc('day', starts_at at time zone 'UTC') at time zone 'UTC' as day
      from appointments order by random() limit ${n}`;
  const patients = await owner<{ organization_id: string; id: string }[]>`
    select organization_id, id from patients order by random() limit ${n}`;
  return {
    days: days.map((r) => {
      const from = new Date(r.day);
      return { orgId: r.organization_id, providerId: r.provider_id, from, to: new Date(from.getTime() + 86_400_000) };
    }),
    patients: patients.map((r) => ({ orgId: r.organization_id, patientId: r.id })),
  };
}

// drizzle sends its statements unprepared; postgres.js then needs a Parse/Describe round trip
// before Bind/Execute whenever a statement has parameters, and cannot pipeline past it. A
// statement without parameters costs one round trip. The id is checked against a strict UUID
// pattern first, so inlining it cannot inject anything.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const setTenantLiteral = (orgId: string) => {
  if (!UUID.test(orgId)) throw new Error("not a uuid");
  return sql.raw(
    `select set_config('role', 'agentcare_app', true), set_config('app.current_tenant_id', '${orgId}', true), set_config('app.current_user_id', '', true)`,
  );
};

/** withTenant with the tenant id inlined: the same role switch and RLS, one round trip less. */
async function literal<T>(db: PostgresJsDatabase<typeof schema>, tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(setTenantLiteral(tenantId));
    return fn(asTenantTx(tx));
  });
}

const SET_TENANT_BOUND =
  "select set_config('role', 'agentcare_app', true), set_config('app.current_tenant_id', $1, true), set_config('app.current_user_id', $2, true)";

/**
 * withTenant with its set_config as a named prepared statement: postgres.js caches it per
 * connection, so after the first call it is one Bind/Execute round trip with the id still bound.
 * drizzle has no public way to prepare raw SQL, hence the reach into its session.
 */
async function prepared<T>(db: PostgresJsDatabase<typeof schema>, tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const client = (tx as unknown as { session?: { client?: postgres.TransactionSql } }).session?.client;
    if (typeof client?.unsafe !== "function") throw new Error("drizzle's transaction no longer exposes session.client");
    await client.unsafe(SET_TENANT_BOUND, [tenantId, ""], { prepare: true });
    return fn(asTenantTx(tx));
  });
}

/**
 * As literal, without waiting for the set_config: it is queued on the transaction's connection
 * first and the query right behind it, so PostgreSQL still runs them in that order (checked in
 * warm-up with a mismatched tenant, which must see no rows). Runs on the owner pool but switches
 * to agentcare_app like withTenant, so RLS applies.
 */
async function pipelined<T>(db: PostgresJsDatabase<typeof schema>, tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const ready = tx.execute(setTenantLiteral(tenantId)).then(() => undefined);
    const [, result] = await Promise.all([ready, fn(asTenantTx(tx))]);
    return result;
  });
}

function operations(bench: Bench, day: DayTarget, patient: PatientTarget) {
  const dayArgs = { providerId: day.providerId, from: day.from, to: day.to };
  const patientArgs = { patientId: patient.patientId };
  const dayQuery = (orgId: string) => (tx: TenantTx) => appointmentsRepo(tx, orgId).listForProvider(dayArgs);
  const patientQuery = (orgId: string) => (tx: TenantTx) => appointmentsRepo(tx, orgId).upcomingForPatient(patientArgs);
  const ops: Record<string, () => Promise<unknown[]>> = {};
  for (const [q, target, query] of [
    ["day", day.orgId, dayQuery],
    ["patient", patient.orgId, patientQuery],
  ] as const) {
    const run = query(target);
    ops[key("tenant", q)] = () => withTenant(target, run);
    ops[key("owner", q)] = () => bench.ownerDb.transaction((tx) => run(asTenantTx(tx)));
    ops[key("ownerRoundTrip", q)] = () =>
      bench.ownerDb.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.current_tenant_id', ${target}, true), set_config('app.current_user_id', ${""}, true)`);
        return run(asTenantTx(tx));
      });
    ops[key("literal", q)] = () => literal(bench.ownerDb, target, run);
    ops[key("prepared", q)] = () => prepared(bench.ownerDb, target, run);
    ops[key("pipelined", q)] = () => pipelined(bench.ownerDb, target, run);
  }
  return ops;
}

/** The pipelined diagnostic is only meaningful if the tenant is set before the query runs. */
async function checkPipelineOrder(bench: Bench, day: DayTarget, otherOrgId: string) {
  if (otherOrgId === day.orgId) return;
  const rows = await pipelined(bench.ownerDb, otherOrgId, (tx) =>
    appointmentsRepo(tx, day.orgId).listForProvider({ providerId: day.providerId, from: day.from, to: day.to }),
  );
  if (rows.length !== 0) throw new Error(`${bench.name}: pipelined set_config ran after the query (saw another tenant's rows)`);
}

let appDatabase: Bench | undefined;

/** withTenant uses the process-wide pool from DATABASE_URL: reopen it on the other database. */
async function pointAppAt(bench: Bench) {
  if (appDatabase === bench) return;
  await closeDb();
  process.env.DATABASE_URL = bench.scratch.appUrl;
  appDatabase = bench;
}

/**
 * One iteration: the same random targets through every variant, in a shuffled order, each timed
 * on its own (client-side wall time of the whole transaction: BEGIN … COMMIT).
 */
async function iterate(bench: Bench, i: number, random: () => number, record: boolean) {
  const day = bench.days[i % bench.days.length]!;
  const patient = bench.patients[i % bench.patients.length]!;
  const ops = operations(bench, day, patient);
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
  for (const q of QUERIES) {
    // RLS must show exactly what the explicit filter shows: a cheap check that we time real work.
    for (const v of VARIANTS) {
      if (counts[key(v, q)] !== counts[key("owner", q)]) {
        throw new Error(`${bench.name}: ${q} returned ${counts[key(v, q)]} rows via ${v}, ${counts[key("owner", q)]} as owner`);
      }
    }
  }
  if (!record) await checkPipelineOrder(bench, day, patient.orgId);
}

async function measure(benches: Bench[]) {
  const random = prng(config.seed);
  let cursor = 0;
  for (const bench of benches) {
    await pointAppAt(bench);
    for (let i = 0; i < config.warmup; i++) await iterate(bench, cursor++, random, false);
  }
  // Blocks in A B B A order so slow drift on a noisy machine falls on both databases alike.
  const blocks = Math.ceil(config.iterations / config.blockSize);
  for (let b = 0; b < blocks; b++) {
    const order = b % 2 === 0 ? benches : [...benches].reverse();
    for (const bench of order) {
      await pointAppAt(bench);
      for (let i = 0; i < config.blockWarmup; i++) await iterate(bench, cursor++, random, false);
      const n = Math.min(config.blockSize, config.iterations - b * config.blockSize);
      for (let i = 0; i < n; i++) await iterate(bench, cursor++, random, true);
    }
    log(`measured block ${b + 1}/${blocks}`);
  }
}

type Explained = { query: QueryName; tenantPlan: string[]; ownerPlan: string[]; indexes: IndexUse[] };

async function explain(bench: Bench): Promise<Explained[]> {
  await pointAppAt(bench);
  const recorder = queryRecorder();
  const capture = drizzle(bench.owner, { schema, logger: recorder.logger });
  // A busy-ish target: a day that has bookings, a patient with bookings ahead.
  const day = bench.days[0]!;
  const [withUpcoming] = await bench.owner<{ organization_id: string; patient_id: string }[]>`
    select organization_id, patient_id from appointments
     where starts_at > now() and status = 'scheduled' order by random() limit 1`;
  const patient = withUpcoming
    ? { orgId: withUpcoming.organization_id, patientId: withUpcoming.patient_id }
    : bench.patients[0]!;
  const captured: { query: QueryName; orgId: string; sql: CapturedQuery }[] = [];
  await capture.transaction((tx) =>
    appointmentsRepo(asTenantTx(tx), day.orgId).listForProvider({ providerId: day.providerId, from: day.from, to: day.to }),
  );
  captured.push({ query: "day", orgId: day.orgId, sql: recorder.take() });
  await capture.transaction((tx) => appointmentsRepo(asTenantTx(tx), patient.orgId).upcomingForPatient({ patientId: patient.patientId }));
  captured.push({ query: "patient", orgId: patient.orgId, sql: recorder.take() });

  const planLines = (rows: Record<string, unknown>[]) => rows.map((r) => String(r["QUERY PLAN"]));
  const out: Explained[] = [];
  for (const c of captured) {
    // Run once first so the plan reports warm buffers, as the timed loop sees them.
    await withTenant(c.orgId, (tx) => tx.execute(explainSql(c.sql)));
    const tenantPlan = planLines(await withTenant(c.orgId, (tx) => tx.execute(explainSql(c.sql))));
    const ownerPlan = planLines(await bench.ownerDb.transaction((tx) => tx.execute(explainSql(c.sql))));
    out.push({ query: c.query, tenantPlan, ownerPlan, indexes: await indexesInPlan(bench.owner, tenantPlan) });
  }
  return out;
}

function timing(plan: string[], what: "Planning" | "Execution"): string {
  return plan.find((l) => l.startsWith(`${what} Time`))?.replace(`${what} Time: `, "") ?? "?";
}

function report(
  benches: Bench[],
  facts: { version: string; sharedBuffers: string },
  plans: Explained[],
  startedAt: Date,
  elapsedSeconds: number,
) {
  const s = (bench: Bench, v: Variant, q: QueryName): Summary => summarize(bench.samples[key(v, q)] ?? []);
  const avgRows = (bench: Bench, q: QueryName) => (bench.rows[key("tenant", q)] ?? 0) / Math.max(s(bench, "tenant", q).n, 1);
  const cpu = os.cpus();
  const lines: string[] = [];
  const aims: string[][] = [];

  lines.push(
    `**Latest run:** ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, ${elapsedSeconds.toFixed(0)} s in total.`,
    "",
    "```sh",
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:isolation",
    "```",
    "",
    `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.`,
    `- Server: ${facts.version.split(" on ")[0]} on the same machine, shared_buffers ${facts.sharedBuffers}, default settings otherwise.`,
    `- Iterations: ${config.iterations} timed per variant, query and database (after ${config.warmup} warm-up iterations, and ${config.blockWarmup} more after every pool switch), in blocks of ${config.blockSize}; PRNG seed ${config.seed}.`,
  );
  for (const bench of benches) {
    const seed = bench.seed!;
    lines.push(
      `- ${bench.name} database: ${bench.shape.organizations.toLocaleString("en-US")} organizations × (${bench.shape.providersPerOrg} providers, ${bench.shape.patientsPerOrg} patients, ${bench.shape.appointmentsPerOrg.toLocaleString("en-US")} appointments over ${bench.shape.spanDays} days) = ${seed.appointments.toLocaleString("en-US")} appointments; appointments heap ${seed.tableMb.toFixed(0)} MB + indexes ${seed.indexesMb.toFixed(0)} MB; loaded and vacuum-analyzed in ${seed.seconds.toFixed(0)} s.`,
    );
  }

  lines.push("", "### (a) Cost of isolation: withTenant against the raw owner query", "");
  lines.push(
    "Milliseconds per call, client-side, whole transaction (BEGIN … COMMIT) on a warm pooled connection; the three variants run the same repository query with the same arguments in the same iteration.",
    "",
  );
  const aRows: string[][] = [];
  const dRows: string[][] = [];
  for (const bench of benches) {
    for (const q of QUERIES) {
      const t = s(bench, "tenant", q);
      const o = s(bench, "owner", q);
      const rt = s(bench, "ownerRoundTrip", q);
      const pl = s(bench, "pipelined", q);
      const li = s(bench, "literal", q);
      const pr = s(bench, "prepared", q);
      aRows.push([
        `${bench.name} · ${q}`,
        `${ms(t.median)} / ${ms(t.p95)}`,
        `${ms(o.median)} / ${ms(o.p95)}`,
        `**${ratio(t.median / o.median)}** / ${ratio(t.p95 / o.p95)}`,
        `${ms(t.median - o.median)}`,
        avgRows(bench, q).toFixed(1),
      ]);
      dRows.push([
        `${bench.name} · ${q}`,
        `${ms(rt.median - o.median)}`,
        `${ms(t.median - rt.median)}`,
        `${ms(li.median)} / ${ms(li.p95)} (${ratio(li.median / o.median)})`,
        `${ms(pr.median)} / ${ms(pr.p95)} (${ratio(pr.median / o.median)})`,
        `${ms(pl.median)} / ${ms(pl.p95)} (${ratio(pl.median / o.median)})`,
      ]);
      aims.push([
        `overhead, ${bench.name} · ${q} (median)`,
        `≤ ${AIM_OVERHEAD}×`,
        ratio(t.median / o.median),
        t.median / o.median <= AIM_OVERHEAD ? "met" : "**missed**",
      ]);
    }
  }
  lines.push(
    table(
      [
        "database · query",
        "withTenant median / p95",
        "owner raw median / p95",
        "withTenant ÷ owner (median / p95)",
        "extra ms (median)",
        "rows/call",
      ],
      aRows,
    ),
  );
  lines.push(
    "",
    "Where the extra time goes (diagnostic variants, same iterations): withTenant's parameterised `set_config` statement alone (owner + that statement − owner); the role switch and RLS policy on top (withTenant − that); the same role switch and RLS with the validated id inlined in `set_config` (no parameters: one round trip instead of two), awaited (`literal`) or queued ahead of the query (`pipelined`); and with the id still bound but `set_config` sent as a named prepared statement (`prepared`, one round trip once cached on the connection). Ratios in brackets are against the owner median.",
    "",
  );
  lines.push(
    table(
      [
        "database · query",
        "set_config statement ms (median)",
        "role + RLS ms (median)",
        "literal median / p95",
        "prepared median / p95",
        "pipelined median / p95",
      ],
      dRows,
    ),
  );

  lines.push("", "### (b) Scale: the same reads through withTenant, small against large database", "");
  const bRows: string[][] = [];
  const [small, large] = benches as [Bench, Bench];
  for (const q of QUERIES) {
    const sm = s(small, "tenant", q);
    const lg = s(large, "tenant", q);
    bRows.push([
      QUERY_LABEL[q],
      `${ms(sm.median)} / ${ms(sm.p95)}`,
      `${ms(lg.median)} / ${ms(lg.p95)}`,
      `**${ratio(lg.median / sm.median)}** / ${ratio(lg.p95 / sm.p95)}`,
    ]);
    for (const [label, val] of [
      ["median", lg.median / sm.median],
      ["p95", lg.p95 / sm.p95],
    ] as const) {
      aims.push([`scale large ÷ small, ${q} (${label})`, `≤ ${AIM_SCALE}×`, ratio(val), val <= AIM_SCALE ? "met" : "**missed**"]);
    }
  }
  lines.push(
    table(
      [
        "query (withTenant)",
        `small (${small.shape.organizations} orgs) median / p95 ms`,
        `large (${large.shape.organizations.toLocaleString("en-US")} orgs) median / p95 ms`,
        "large ÷ small (median / p95)",
      ],
      bRows,
    ),
  );

  lines.push("", "### Against the aims", "");
  lines.push(
    "The overhead aim is stated at the median; the p95 scale ratios are listed for information (no aim was set for them).",
    "",
  );
  lines.push(table(["figure", "aim", "measured", "verdict"], aims));

  lines.push("", `### Plans in the large database, under withTenant (EXPLAIN ANALYZE, BUFFERS)`, "");
  for (const p of plans) {
    lines.push(
      `${QUERY_LABEL[p.query]} — under withTenant: planning ${timing(p.tenantPlan, "Planning")}, execution ${timing(p.tenantPlan, "Execution")}; the same statement as owner: planning ${timing(p.ownerPlan, "Planning")}, execution ${timing(p.ownerPlan, "Execution")}.`,
      "",
    );
    lines.push("```text", ...p.tenantPlan, "```", "");
    for (const idx of p.indexes) {
      lines.push(
        `- index \`${idx.index}\` leads with \`${idx.leadingColumn}\` ${idx.leadingColumn === "organization_id" ? "✔" : "✘ (does not lead with organization_id)"} — \`${idx.definition}\``,
      );
    }
    if (p.indexes.length === 0) lines.push("- ✘ no index scan in this plan");
    lines.push("");
  }
  lines.push(
    `Variants: ${VARIANTS.map((v) => `${v} = ${VARIANT_LABEL[v]}`).join("; ")}.`,
  );
  return lines.join("\n");
}

async function main() {
  const started = performance.now();
  const startedAt = new Date();
  const baseUrl = process.env.DATABASE_URL;
  const facts = await preflight(baseUrl);
  // One connection: every withTenant call runs on the same warm backend, as the owner pool does.
  process.env.DATABASE_POOL_MAX = "1";

  const benches: Bench[] = [];
  const cleanup = async () => {
    await closeDb().catch(() => {});
    process.env.DATABASE_URL = baseUrl;
    for (const bench of benches.splice(0)) {
      await bench.owner.end({ timeout: 5 }).catch(() => {});
      await bench.scratch.drop().catch((err) => log(`could not drop a scratch database: ${err}`));
    }
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: dropping scratch databases`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    for (const { name, shape } of DATASETS) {
      const scratch = await createScratchDatabase(`agentcare_bench_${name}`);
      if (scratch.embedded) throw new Error("createScratchDatabase returned an embedded database");
      const owner = postgres(scratch.adminUrl, { max: 1, onnotice: () => {} });
      benches.push({
        name,
        shape,
        scratch,
        owner,
        ownerDb: drizzle(owner, { schema }),
        days: [],
        patients: [],
        samples: {},
        rows: {},
      });
    }
    for (const bench of benches) {
      log(`loading ${bench.name}: ${bench.shape.organizations} organizations × ${bench.shape.appointmentsPerOrg} appointments …`);
      bench.seed = await seedDataset(bench.owner, bench.shape);
      log(`loaded ${bench.name}: ${bench.seed.appointments} appointments in ${bench.seed.seconds.toFixed(1)} s`);
      Object.assign(bench, await sampleTargets(bench.owner, Math.min(config.iterations, 5000)));
    }
    log(`timing ${config.iterations} iterations × ${VARIANTS.length * QUERIES.length} operations per database …`);
    await measure(benches);
    log("explaining plans in the large database …");
    const plans = await explain(benches[1]!);
    const block = report(benches, facts, plans, startedAt, (performance.now() - started) / 1000);
    console.log(block);
    if (config.writeDoc) {
      const file = path.join(process.cwd(), "docs", "benchmarks.md");
      writeGeneratedBlock(file, block);
      log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error("bench:isolation failed:", err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
