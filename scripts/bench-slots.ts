// npm run bench:slots — availability for one provider over a 30-day horizon with 2,000 existing
// appointments, and booking throughput under 20 concurrent clients. Needs a local PostgreSQL
// (DATABASE_URL); makes and drops its own database. Figures go into docs/benchmarks.md.
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { closeDb } from "@/lib/db/client";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { createScratchDatabase } from "@/lib/db/test-database";
import { ConflictError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { findSlots } from "@/lib/scheduling/availability";
import { bookAppointment } from "@/lib/scheduling/booking";
import { computeSlots } from "@/lib/scheduling/slots";
import { dayBounds } from "@/lib/time/calendar";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";
import { ms, ratio, summarize, type Summary } from "./bench/stats";
import { writeGeneratedBlock } from "./bench/report";
import { reloadConfig } from "@/lib/config/env";

const TZ = "America/New_York";
const EXISTING = 2000;
const HORIZON_DAYS = 30;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const CLIENTS = 20;
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 600);
const AIM_MS = 10;
const request = { requestId: "bench-slots", ip: null, userAgent: "bench" };
const ALL_DAY = { start: "00:00", end: "23:59", isOpen: true };

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error("bench:slots needs DATABASE_URL pointing at a local PostgreSQL (e.g. postgres://postgres@127.0.0.1:5432/postgres).");
    process.exitCode = 2;
    return;
  }
  const db = await createScratchDatabase("agentcare_bench_slots");
  process.env.DATABASE_URL = db.appUrl;
  process.env.DATABASE_SESSION_ROLE = "none";
  process.env.DATABASE_POOL_MAX = String(CLIENTS);
  reloadConfig();
  const owner = postgres(db.adminUrl, { max: 4, onnotice: () => {} });
  try {
    const started = performance.now();
    // ── one organization, open around the clock; one provider with 2,000 bookings in the horizon ──
    const org = await withPlatform((tx) =>
      platformOrganizations(tx).create({ input: { name: "Bench Clinic", slug: "bench-clinic", timeZone: TZ, plan: "enterprise" } }),
    );
    const { providerId, typeId, patientId, bookingProviders } = await withTenant(org.id, async (tx) => {
      await organizationRepo(tx, org.id).updateSettings({
        patch: {
          minimumNoticeMinutes: 0,
          bookingHorizonDays: 90,
          businessHours: {
            monday: ALL_DAY,
            tuesday: ALL_DAY,
            wednesday: ALL_DAY,
            thursday: ALL_DAY,
            friday: ALL_DAY,
            saturday: ALL_DAY,
            sunday: ALL_DAY,
          },
        },
      });
      const provider = await providersRepo(tx, org.id).create({ input: { name: "Dr. Busy" } });
      const others = [];
      for (let i = 0; i < CLIENTS; i++) others.push((await providersRepo(tx, org.id).create({ input: { name: `Dr. Booker ${i}` } })).id);
      const type = await appointmentTypesRepo(tx, org.id).create({ input: { name: "Quick visit", durationMinutes: 10 } });
      const patient = await patientsRepo(tx, org.id).create({
        input: { mrn: "B-1", firstName: "Bench", lastName: "Patient", dateOfBirth: "1980-01-01" },
      });
      return { providerId: provider.id, typeId: type.id, patientId: patient.id, bookingProviders: others };
    });
    const fromDate = Temporal.Now.plainDateISO(TZ).add({ days: 1 }).toString();
    const toDate = Temporal.PlainDate.from(fromDate)
      .add({ days: HORIZON_DAYS - 1 })
      .toString();
    const windowStart = dayBounds(fromDate, TZ).from;
    // 10-minute appointments every 20 minutes from the window's start: 2,000 of them fill ~28 days.
    await owner.begin(async (tx) => {
      await tx`select set_config('app.current_tenant_id', ${org.id}, true)`;
      await tx`
        insert into appointments (organization_id, patient_id, provider_id, appointment_type_id, starts_at, ends_at, status)
        select ${org.id}, ${patientId}, ${providerId}, ${typeId},
               ${windowStart.toISOString()}::timestamptz + make_interval(mins => 20 * g),
               ${windowStart.toISOString()}::timestamptz + make_interval(mins => 20 * g + 10),
               'scheduled'
        from generate_series(0, ${EXISTING - 1}) g`;
    });
    await owner`analyze appointments`;
    const setupSeconds = (performance.now() - started) / 1000;

    // ── availability: baseline round trip, the pure engine, and the full service call ──
    const query = { appointmentTypeId: typeId, providerId, mode: "in_person" as const, fromDate, toDate, online: true };
    const loaded = await withTenant(org.id, async (tx) => {
      const { facts } = await findSlots(tx, org.id, query);
      const blocks = await appointmentsRepo(tx, org.id).busyBlocks({
        providerIds: [providerId],
        from: dayBounds(fromDate, TZ).from,
        to: dayBounds(toDate, TZ).to,
      });
      return { facts, blocks };
    });
    const engineInput = {
      timeZone: TZ,
      fromDate,
      toDate,
      now: new Date(),
      businessHours: loaded.facts.settings.businessHours,
      durationMinutes: 10,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minimumNoticeMinutes: 0,
      bookingHorizonDays: 90,
    };
    // As findSlots hands them to the engine: bookings as blocked intervals, read by busyBlocks.
    const provider = { providerId, weeklyHours: [], overrides: [], timeOff: [], busy: [], blocks: loaded.blocks };
    let slotCount = 0;
    const baseline: number[] = [];
    const engine: number[] = [];
    const service: number[] = [];
    for (let i = 0; i < 30; i++) {
      await withTenant(org.id, (tx) => tx.execute(sql`select 1`));
      computeSlots(engineInput, provider);
      await withTenant(org.id, (tx) => findSlots(tx, org.id, query));
    }
    for (let i = 0; i < ITERATIONS; i++) {
      baseline.push(await time(() => withTenant(org.id, (tx) => tx.execute(sql`select 1`))));
      engine.push(await time(async () => void (slotCount = computeSlots(engineInput, provider).length)));
      service.push(await time(() => withTenant(org.id, (tx) => findSlots(tx, org.id, query))));
    }

    // ── booking throughput: 20 clients, distinct slots (no contention) vs raw inserts ──
    const day = Temporal.Now.plainDateISO(TZ).add({ days: 60 });
    const slotAt = (i: number) => new Date(day.toZonedDateTime({ timeZone: TZ }).epochMilliseconds + Math.floor(i / CLIENTS) * 10 * 60_000);
    const queue = Array.from({ length: BOOKINGS }, (_, i) => i);
    async function drain(work: (i: number) => Promise<void>) {
      const items = [...queue];
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let i = items.shift(); i !== undefined; i = items.shift()) await work(i);
        }),
      );
    }
    const rawStart = performance.now();
    const rawPool = postgres(db.adminUrl, { max: CLIENTS, onnotice: () => {} });
    await drain(async (i) => {
      await rawPool.begin(async (tx) => {
        await tx`select set_config('app.current_tenant_id', ${org.id}, true)`;
        await tx`insert into appointments (organization_id, patient_id, provider_id, appointment_type_id, starts_at, ends_at)
                 values (${org.id}, ${patientId}, ${bookingProviders[i % CLIENTS]!}, ${typeId}, ${new Date(slotAt(i).getTime() + 365 * 86_400_000)}, ${new Date(slotAt(i).getTime() + 365 * 86_400_000 + 600_000)})`;
      });
    });
    const rawSeconds = (performance.now() - rawStart) / 1000;
    await rawPool.end({ timeout: 5 });

    const bookStart = performance.now();
    await drain(async (i) => {
      await runAsPublic({ orgId: org.id, request }, (ctx) =>
        bookAppointment(ctx, {
          patientId,
          providerId: bookingProviders[i % CLIENTS]!,
          appointmentTypeId: typeId,
          startsAt: slotAt(i),
          mode: "in_person",
          bookedVia: "api",
          online: false,
        }),
      );
    });
    const bookSeconds = (performance.now() - bookStart) / 1000;

    // ── contention: 20 clients race for the same 20 slots of one provider ──
    const contested = Array.from(
      { length: 20 },
      (_, i) => new Date(day.add({ days: 1 }).toZonedDateTime({ timeZone: TZ }).epochMilliseconds + i * 600_000),
    );
    let won = 0;
    let lost = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (const startsAt of contested) {
          try {
            await runAsPublic({ orgId: org.id, request }, (ctx) =>
              bookAppointment(ctx, {
                patientId,
                providerId,
                appointmentTypeId: typeId,
                startsAt,
                mode: "in_person",
                bookedVia: "api",
                online: false,
              }),
            );
            won += 1;
          } catch (err) {
            if (!(err instanceof ConflictError)) throw err;
            lost += 1;
          }
        }
      }),
    );

    const b = summarize(baseline);
    const e = summarize(engine);
    const s = summarize(service);
    const [version] = await owner<{ v: string }[]>`select current_setting('server_version') as v`;
    const report = renderReport({
      b,
      e,
      s,
      slotCount,
      setupSeconds,
      rawRate: BOOKINGS / rawSeconds,
      bookRate: BOOKINGS / bookSeconds,
      won,
      lost,
      facts: { cores: os.cpus().length, pg: version!.v, date: new Date().toISOString().slice(0, 10) },
    });
    console.log(report);
    if (!process.argv.includes("--no-write")) {
      writeGeneratedBlock(path.join(process.cwd(), "docs", "benchmarks.md"), report, {
        begin: "<!-- bench:slots:begin — generated by `npm run bench:slots`; edits inside are overwritten -->",
        end: "<!-- bench:slots:end -->",
        heading: "## Availability and booking (`npm run bench:slots`)",
      });
    }
    if (won !== contested.length) throw new Error(`contention: expected exactly ${contested.length} winners, got ${won}`);
  } finally {
    await owner.end({ timeout: 5 });
    await closeDb();
    await db.drop();
  }
}

function renderReport(r: {
  b: Summary;
  e: Summary;
  s: Summary;
  slotCount: number;
  setupSeconds: number;
  rawRate: number;
  bookRate: number;
  won: number;
  lost: number;
  facts: { cores: number; pg: string; date: string };
}): string {
  return [
    `Command: \`DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:slots\` · ${r.facts.date} · ${r.facts.cores} cores · PostgreSQL ${r.facts.pg}`,
    "",
    `One provider, ${EXISTING.toLocaleString("en-US")} existing appointments inside a ${HORIZON_DAYS}-day horizon (10-minute visits every 20 minutes, open around the clock), a 10-minute type: ${r.slotCount.toLocaleString("en-US")} free slots. ${ITERATIONS} timed iterations each, interleaved; milliseconds.`,
    "",
    "| measurement | median | p95 | ratio to baseline (median) |",
    "|---|---|---|---|",
    `| baseline: \`withTenant\` round trip (\`select 1\`) | ${ms(r.b.median)} | ${ms(r.b.p95)} | 1.00× |`,
    `| slot engine alone (\`computeSlots\`, data in memory) | ${ms(r.e.median)} | ${ms(r.e.p95)} | ${ratio(r.e.median / r.b.median)} |`,
    `| availability end to end (\`findSlots\` in \`withTenant\`: settings, type, provider, hours, overrides, time off, bookings, holds, engine) | ${ms(r.s.median)} | ${ms(r.s.p95)} | ${ratio(r.s.median / r.b.median)} |`,
    "",
    `Aim: slots for ${HORIZON_DAYS} days ≤ ${AIM_MS} ms at the median — **${r.s.median <= AIM_MS ? "met" : "missed"}** (${ms(r.s.median)} ms end to end).`,
    "",
    "| booking throughput, 20 concurrent clients | bookings / s | ratio to raw |",
    "|---|---|---|",
    `| raw owner inserts (baseline: one transaction per row, no checks beyond the constraints) | ${r.rawRate.toFixed(0)} | 1.00× |`,
    `| \`bookAppointment\` (validation, provider lock, holds check, insert, audit row, confirmation e-mail queued) | ${r.bookRate.toFixed(0)} | ${ratio(r.bookRate / r.rawRate)} |`,
    "",
    `Contention: 20 clients each tried all 20 slots of one provider → ${r.won} bookings, ${r.lost} clear 409s (exactly one winner per slot).`,
    "",
    `Setup (migrations, data) took ${r.setupSeconds.toFixed(1)} s.`,
  ].join("\n");
}

main().catch((err) => {
  console.error("bench:slots failed:", err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
