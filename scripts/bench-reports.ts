// npm run bench:reports — how long the appointments report takes on a database shared by 1,000
// organizations: a month and a year at a typical one (1,000 appointments over two years) and at a
// busy one (12 providers, ~16 visits a day each for a year and a month ahead), a month at one of
// the busy one's two locations, and the time to next available. Needs a local PostgreSQL
// (DATABASE_URL); makes and drops its own database. Figures go into docs/benchmarks.md.
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { Temporal } from "temporal-polyfill";
import { reloadConfig } from "@/lib/config/env";
import { closeDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { createScratchDatabase } from "@/lib/db/test-database";
import { appointmentReport, nextAvailable } from "@/lib/reports/service";
import { PERMISSIONS } from "@/lib/tenancy/permissions";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { writeGeneratedBlock } from "./bench/report";
import { seedDataset } from "./bench/seed";
import { ms, ratio, summarize } from "./bench/stats";

const ORGANIZATIONS = Number(process.env.BENCH_ORGS ?? 1000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
const WARMUP = 5;
const AIM_MS = 200;
const TZ = "America/New_York";

/** A member context for the report services, as an owner would have (the reports read no patient). */
async function asOwnerOf<T>(orgId: string, fn: (ctx: MemberContext) => Promise<T>): Promise<T> {
  return withTenant(orgId, (tx) =>
    fn({
      tx,
      orgId,
      actor: { type: "operator", userId: null },
      actorUserId: null,
      role: "owner",
      permissions: PERMISSIONS,
      request: { requestId: "bench-reports" },
      audit: async () => {},
      auditPatients: async () => {},
      listReadAudit: () => null,
    }),
  );
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * A busy hospital: 12 providers working 09:00–17:00 every weekday, 30-minute visits, most slots
 * taken; two locations, the even-numbered providers at the second one on Mondays, Wednesdays and
 * Fridays. Returns the organization and its second location.
 */
async function seedBusy(sql: postgres.Sql): Promise<{ id: string; annexId: string }> {
  const [org] = await sql<{ id: string }[]>`
    insert into organizations (name, slug, time_zone) values ('Busy General', 'busy-general', ${TZ}) returning id`;
  const id = org!.id;
  await sql.begin(async (tx) => {
    await tx`set local synchronous_commit = off`;
    await tx`insert into organization_settings (organization_id) values (${id})`;
    await tx`
      insert into providers (organization_id, name, license_number)
      select ${id}, 'Dr Busy ' || p, 'BUSY-' || p from generate_series(1, 12) p`;
    await tx`
      insert into patients (organization_id, mrn, first_name, last_name, date_of_birth)
      select ${id}, 'B-' || p, 'First' || p, 'Last' || p, date '1950-01-01' + p from generate_series(1, 3000) p`;
    await tx`
      insert into appointment_types (organization_id, name, duration_minutes)
      values (${id}, 'Consultation', 30), (${id}, 'Procedure', 60)`;
    await tx`
      with prov as (select id, row_number() over (order by id) as k from providers where organization_id = ${id}),
           pat as (select id, row_number() over (order by id) as k from patients where organization_id = ${id}),
           typ as (select id, row_number() over (order by name) as k from appointment_types where organization_id = ${id}),
           slot as (
             select d::date as day, s
               from generate_series(current_date - 365, current_date + 30, interval '1 day') d
              cross join generate_series(0, 15) s
              where extract(isodow from d) < 6)
      insert into appointments (organization_id, patient_id, provider_id, appointment_type_id, starts_at, ends_at,
                                status, cancelled_at, cancelled_by, booked_via)
      select ${id}, pat.id, prov.id, typ.id, x.starts_at, x.starts_at + interval '30 minutes',
             (case when x.h % 17 = 0 then 'cancelled'
                   when x.starts_at > now() then 'scheduled'
                   when x.h % 13 = 0 then 'no_show'
                   else 'completed' end)::appointment_status,
             case when x.h % 17 = 0 then x.starts_at - make_interval(hours => x.h % 96) end,
             case when x.h % 17 = 0 then (case when x.h % 2 = 0 then 'patient' else 'staff' end) end,
             (case when x.h % 3 = 0 then 'online' else 'staff' end)::booked_via
        from (
          select slot.day, slot.s, prov.id as provider, prov.k as pk,
                 ((slot.day + time '09:00' + make_interval(mins => 30 * slot.s)) at time zone ${TZ}) as starts_at,
                 abs(hashtext(slot.day::text || prov.k || slot.s)) as h
            from slot cross join prov) x
        join prov on prov.id = x.provider
        join pat on pat.k = 1 + x.h % 3000
        join typ on typ.k = 1
       where x.h % 10 < 8`;
  });
  // One statement each: the wall clock orders them, so Main is the main location.
  const [main] = await sql<{ id: string }[]>`
    insert into locations (organization_id, name, time_zone, created_at) values (${id}, 'Main', ${TZ}, clock_timestamp()) returning id`;
  const [annex] = await sql<{ id: string }[]>`
    insert into locations (organization_id, name, time_zone, created_at) values (${id}, 'Annex', ${TZ}, clock_timestamp()) returning id`;
  await sql`
    insert into provider_locations (organization_id, provider_id, weekday, location_id)
    select ${id}, p.id, d, ${annex!.id}
      from (select id, row_number() over (order by id) as k from providers where organization_id = ${id}) p
     cross join unnest(array[1, 3, 5]) d
     where p.k % 2 = 0`;
  await sql`
    update appointments a
       set location_id = coalesce(
             (select pl.location_id from provider_locations pl
               where pl.organization_id = a.organization_id and pl.provider_id = a.provider_id
                 and pl.weekday = extract(isodow from a.starts_at at time zone ${TZ})),
             ${main!.id}::uuid)
     where a.organization_id = ${id}`;
  await sql.unsafe("vacuum (analyze) public.appointments");
  return { id, annexId: annex!.id };
}

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error("bench:reports needs DATABASE_URL pointing at a local PostgreSQL (e.g. postgres://postgres@127.0.0.1:5432/postgres).");
    process.exitCode = 2;
    return;
  }
  const db = await createScratchDatabase("agentcare_bench_reports");
  process.env.DATABASE_URL = db.appUrl;
  process.env.DATABASE_SESSION_ROLE = "none";
  reloadConfig();
  const owner = postgres(db.adminUrl, { max: 2, onnotice: () => {} });
  try {
    const seeded = await seedDataset(owner, {
      organizations: ORGANIZATIONS,
      providersPerOrg: 4,
      patientsPerOrg: 200,
      appointmentsPerOrg: 1000,
      spanDays: 730,
    });
    const { id: busyId, annexId } = await seedBusy(owner);
    const [typical] = await owner<{ id: string }[]>`select id from organizations where slug = ${`bench-${Math.ceil(ORGANIZATIONS / 2)}`}`;
    const [counts] = await owner<{ total: number; busy: number; busy_month: number; typical_month: number; v: string }[]>`
      select (select count(*)::int from appointments) as total,
             (select count(*)::int from appointments where organization_id = ${busyId}) as busy,
             (select count(*)::int from appointments where organization_id = ${busyId}
                and starts_at >= date_trunc('month', now()) - interval '1 month' and starts_at < date_trunc('month', now())) as busy_month,
             (select count(*)::int from appointments where organization_id = ${typical!.id}
                and starts_at >= date_trunc('month', now()) - interval '1 month' and starts_at < date_trunc('month', now())) as typical_month,
             current_setting('server_version') as v`;

    const today = Temporal.Now.plainDateISO(TZ);
    const lastMonth = today.with({ day: 1 }).subtract({ months: 1 });
    const month = { from: lastMonth.toString(), to: lastMonth.add({ months: 1 }).subtract({ days: 1 }).toString() };
    const year = { from: today.subtract({ days: 365 }).toString(), to: today.toString() };
    const report = (orgId: string, range: { from: string; to: string; location?: string }) => () =>
      asOwnerOf(orgId, (ctx) => appointmentReport(ctx, range));

    // Interleaved rounds so a noisy moment hits every measurement alike.
    const rows: [string, () => Promise<unknown>][] = [
      ["baseline: `withTenant` round trip (`select 1`)", () => withTenant(busyId, (tx) => tx.execute("select 1" as never))],
      [`typical organization, last month (${counts!.typical_month} appointments)`, report(typical!.id, month)],
      [`busy organization, last month (${counts!.busy_month.toLocaleString("en-US")} appointments)`, report(busyId, month)],
      [`busy organization, the last 365 days`, report(busyId, year)],
      ["busy organization, last month at one of its two locations", report(busyId, { ...month, location: annexId })],
      ["busy organization, time to next available (2 types)", () => asOwnerOf(busyId, (ctx) => nextAvailable(ctx, {}))],
    ];
    const results = new Map<string, number[]>();
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      for (const [name, fn] of rows) {
        const samples = await timed(Math.ceil(ITERATIONS / rounds), fn);
        results.set(name, [...(results.get(name) ?? []), ...samples]);
      }
    }
    const summaries = rows.map(([name]) => [name, summarize(results.get(name)!)] as const);
    const base = summaries[0]![1].median;
    const lines = [
      `Command: \`DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:reports\` · ${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} cores · PostgreSQL ${counts!.v}`,
      "",
      `One database: ${ORGANIZATIONS.toLocaleString("en-US")} organizations with 1,000 appointments each over two years, and a busy one with ${counts!.busy.toLocaleString("en-US")}; ${counts!.total.toLocaleString("en-US")} appointments in all (seeded in ${seeded.seconds.toFixed(0)} s). Each figure is the whole report service in one tenant transaction (counts, waiting-list fills, providers' bookable minutes), ${ITERATIONS} timed runs in ${rounds} interleaved rounds; milliseconds.`,
      "",
      "| measurement | median | p95 | ratio to baseline (median) | aim |",
      "|---|---|---|---|---|",
      ...summaries.map(([name, s], i) => {
        const aim = i === 1 || i === 2 ? (s.median <= AIM_MS ? `≤ ${AIM_MS} ms: met` : `≤ ${AIM_MS} ms: **not met**`) : "";
        return `| ${name} | ${ms(s.median)} | ${ms(s.p95)} | ${i === 0 ? "1.00×" : ratio(s.median / base)} | ${aim} |`;
      }),
    ];
    const text = lines.join("\n");
    console.log(text);
    if (!process.argv.includes("--no-write")) {
      writeGeneratedBlock(path.join(process.cwd(), "docs", "benchmarks.md"), text, {
        begin: "<!-- bench:reports:begin — generated by `npm run bench:reports`; edits inside are overwritten -->",
        end: "<!-- bench:reports:end -->",
        heading: "## Reports (`npm run bench:reports`)",
      });
    }
  } finally {
    await owner.end({ timeout: 5 });
    await closeDb();
    await db.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
