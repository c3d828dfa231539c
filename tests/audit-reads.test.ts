// Readers' audit rows: one row per read naming every patient and record shown, appended without
// the organization's chain lock (readers never wait for each other or for a writer), sealed into the
// hash chain afterwards by writers, the worker and the in-process sealer, in seal order. Tampering
// with sealed rows is found by verify, and rows left unsealed too long are reported.
//
// NOTE: like tests/audit.test.ts, this file leaves deliberately broken chains (in its own
// organizations) in the shared test database.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { auditWriters } from "@/lib/audit/audited-tenant";
import { auditRepo, type AuditActor } from "@/lib/audit/repository";
import { sealOrganization, sealSoon, stopAuditSealer } from "@/lib/audit/sealer";
import { verifyOrganizationChain } from "@/lib/audit/verify";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { runWorkerPass } from "@/lib/jobs/worker";
import { membershipsRepo } from "@/lib/memberships/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { runAsMember } from "@/lib/pipeline/run-in-tenant";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { memberAppointments } from "@/lib/scheduling/day-view";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { asOwner } from "./support/owner";
import { runScript } from "./support/cli";
import { NotFoundError } from "@/lib/errors/app-error";
import { createUser, createWorld, expectPgCode, type World } from "./support/fixtures";

const DAY = "2030-03-04";

type Reader = World & { userId: string; secondPatientId: string; secondAppointmentId: string };

/** An organization with two patients on the day's list and a front-desk member who reads it. */
async function readerWorld(prefix: string): Promise<Reader> {
  const world = await createWorld(prefix);
  const user = await createUser(`${prefix}-desk`);
  return withTenant(world.orgId, async (tx) => {
    await membershipsRepo(tx, world.orgId).add({ userId: user.id, role: "staff" });
    const n = crypto.randomInt(1_000_000);
    const patient = await patientsRepo(tx, world.orgId).create({
      input: { mrn: `MRN-R${n}`, firstName: "Second", lastName: `Reader${n}`, dateOfBirth: "1970-05-05", email: `r${n}@${prefix}.test` },
    });
    const startsAt = new Date(`${DAY}T15:00:00Z`);
    const appointment = await appointmentsRepo(tx, world.orgId).create({
      input: {
        patientId: patient.id,
        providerId: world.providerId,
        appointmentTypeId: world.typeId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      },
    });
    return { ...world, userId: user.id, secondPatientId: patient.id, secondAppointmentId: appointment.id };
  });
}

const request = (requestId: string) => ({ requestId, ip: "198.51.100.4", userAgent: "vitest reader" });

/**
 * The day list through the real pipeline (membership, permission, list, audit, commit). A reader
 * that had to wait for a lock fails with lock_not_available instead of hanging the test.
 */
async function readDayList(w: Reader, requestId: string) {
  return runAsMember(
    { orgId: w.orgId, actor: { type: "user", userId: w.userId }, permission: "appointments:read", request: request(requestId) },
    async (ctx) => {
      await ctx.tx.execute(sql`select set_config('lock_timeout', '5s', true)`);
      const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
      return memberAppointments(ctx, organization, { date: DAY });
    },
  );
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * The same read as readDayList, composed by hand so the transaction can stay open after its audit
 * row is written: `written` resolves then, and the transaction commits when `release` opens.
 */
function holdReaderOpen(w: Reader, requestId: string) {
  const written = gate();
  const release = gate();
  const done = withTenant(w.orgId, async (tx) => {
    const actor: AuditActor = { type: "user", userId: w.userId, role: "staff" };
    const audit = auditWriters(tx, w.orgId, actor, request(requestId));
    const ctx: MemberContext = {
      tx,
      orgId: w.orgId,
      actor: { type: "user", userId: w.userId },
      actorUserId: w.userId,
      role: "staff",
      permissions: ["appointments:read"],
      request: request(requestId),
      ...audit.writers,
    };
    const view = await memberAppointments(ctx, await organizationRepo(tx, w.orgId).get(), { date: DAY });
    await audit.flush();
    written.open();
    await release.opened;
    return view;
  });
  return { written: written.opened, release: release.open, done };
}

/** A writer's event (sealed under the chain lock), its transaction held open until `release`. */
function holdWriterOpen(orgId: string, body: (tx: TenantTx) => Promise<unknown>) {
  const written = gate();
  const release = gate();
  const done = withTenant(orgId, async (tx) => {
    await body(tx);
    written.open();
    await release.opened;
  });
  return { written: written.opened, release: release.open, done };
}

function writerEvent(n: number) {
  return {
    actor: { type: "user" as const, role: "admin" },
    action: "update" as const,
    resourceType: "organization_settings",
    resourceId: `event-${n}`,
    request: request(`writer-${n}`),
  };
}

type Row = {
  id: string;
  seq: number | null;
  request_id: string | null;
  action: string;
  patient_id: string | null;
  patient_ids: string[];
  resource_ids: string[];
  prev_hash: string;
  row_hash: string;
  expected: string;
  genesis: string;
};

async function rowsOf(orgId: string): Promise<Row[]> {
  return asOwner(
    (s) => s<Row[]>`
      select a.id, a.seq::int as seq, a.request_id, a.action::text as action, a.patient_id,
             a.patient_ids::text[] as patient_ids, a.resource_ids, a.prev_hash, a.row_hash,
             public.audit_row_hash(a) as expected, public.audit_genesis_hash(a.organization_id) as genesis
        from audit_logs a where a.organization_id = ${orgId}
       order by a.seq nulls last, a.occurred_at`,
  );
}

function expectIntactChain(rows: Row[]) {
  const sealed = rows.filter((r) => r.seq !== null);
  expect(sealed.map((r) => r.seq)).toEqual(sealed.map((_, i) => i + 1));
  sealed.forEach((r, k) => {
    expect(r.row_hash, `seq ${r.seq} row_hash recomputed`).toBe(r.expected);
    expect(r.prev_hash, `seq ${r.seq} links to its predecessor`).toBe(k === 0 ? r.genesis : sealed[k - 1]!.row_hash);
  });
}

let W: Reader;
beforeAll(async () => {
  W = await readerWorld("reads");
});

describe("a read writes one audit row naming everything it showed", () => {
  it("the day list: one row with both patients and both appointments, who and from where, unsealed", async () => {
    const requestId = `list-${crypto.randomUUID()}`;
    const view = await readDayList(W, requestId);
    expect(view.data.map((a) => a.id).sort()).toEqual([W.appointmentId, W.secondAppointmentId].sort());
    const rows = (await rowsOf(W.orgId)).filter((r) => r.request_id === requestId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row!.action).toBe("view");
    expect(row!.patient_ids.sort()).toEqual([W.patientId, W.secondPatientId].sort());
    expect(row!.resource_ids.sort()).toEqual([W.appointmentId, W.secondAppointmentId].sort());
    expect(row!.seq).toBeNull();
    const [detail] = await withTenant(W.orgId, (tx) =>
      tx.execute<{ actor_user_id: string; actor_role: string; ip: string; user_agent: string }>(
        sql`select actor_user_id, actor_role, ip, user_agent from audit_logs where id = ${row!.id}`,
      ),
    );
    expect(detail).toEqual({ actor_user_id: W.userId, actor_role: "staff", ip: "198.51.100.4", user_agent: "vitest reader" });
  });

  it("every access to a patient is one query over the patient lists, sealed or not", async () => {
    const requestId = `per-patient-${crypto.randomUUID()}`;
    await readDayList(W, requestId);
    const found = await withTenant(W.orgId, (tx) => auditRepo(tx, W.orgId).list({ patientId: W.secondPatientId }));
    expect(found.some((r) => r.requestId === requestId && r.patientIds.includes(W.secondPatientId))).toBe(true);
    expect(found.every((r) => r.patientIds.includes(W.secondPatientId) || r.patientId === W.secondPatientId)).toBe(true);

    // The lists are indexed: the planner can answer "containing this patient" from the GIN index.
    const plan = await asOwner(async (s) => {
      await s`set local enable_seqscan = off`;
      return s<{ "QUERY PLAN": string }[]>`
        explain select id from audit_logs where patient_ids @> array[${W.secondPatientId}]::uuid[]`;
    });
    expect(plan.map((p) => p["QUERY PLAN"]).join("\n")).toContain("audit_logs_patient_ids_idx");
  });

  it("a list may only name the organization's own patients", async () => {
    const other = await createWorld("reads-foreign");
    // Checked like patient_id's composite foreign key, and answered the same way: not found.
    await expect(
      withTenant(W.orgId, (tx) =>
        auditRepo(tx, W.orgId).append([
          { actor: { type: "system" }, action: "view", resourceType: "appointment", patientIds: [W.patientId, other.patientId] },
        ]),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    const raw = await expectPgCode(
      asOwner(async (s) => {
        await s`select set_config('role', 'agentcare_app', true), set_config('app.current_tenant_id', ${W.orgId}, true)`;
        await s`insert into audit_logs (organization_id, actor_type, action, resource_type, patient_ids)
                values (${W.orgId}, 'system', 'view', 'appointment', array[${other.patientId}]::uuid[])`;
      }),
      "23503",
    );
    expect(raw.constraint_name ?? raw.constraint).toBe("audit_logs_patient_fk");
  });
});

// Holding one transaction open while another runs needs two connections; the embedded database has one.
const twoConnections = !inject("embedded");

describe.runIf(twoConnections)("readers of one organization do not wait for each other", () => {
  it("a reader commits while another reader's transaction is open after its audit insert", async () => {
    const first = holdReaderOpen(W, `held-${crypto.randomUUID()}`);
    await first.written;
    let firstCommitted = false;
    void first.done.then(() => (firstCommitted = true));

    const second = `second-${crypto.randomUUID()}`;
    const view = await readDayList(W, second);
    expect(view.data).toHaveLength(2);
    expect(firstCommitted).toBe(false);
    // The second reader's row is committed (visible to a new transaction) while the first is still open.
    const visible = await withTenant(W.orgId, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_logs where request_id = ${second}`),
    );
    expect(visible[0]!.n).toBe(1);

    first.release();
    await first.done;
  });

  it("a reader does not wait for a writer holding the chain lock either", async () => {
    const writer = holdWriterOpen(W.orgId, (tx) => auditRepo(tx, W.orgId).record(writerEvent(1)));
    await writer.written;
    const view = await readDayList(W, `beside-writer-${crypto.randomUUID()}`);
    expect(view.data).toHaveLength(2);
    writer.release();
    await writer.done;
  });

  it("writers still take turns: a second writer waits for the lock (here: times out)", async () => {
    const writer = holdWriterOpen(W.orgId, (tx) => auditRepo(tx, W.orgId).record(writerEvent(2)));
    await writer.written;
    await expectPgCode(
      withTenant(W.orgId, async (tx) => {
        await tx.execute(sql`select set_config('lock_timeout', '200ms', true)`);
        await auditRepo(tx, W.orgId).record(writerEvent(3));
      }),
      "55P03",
    );
    writer.release();
    await writer.done;
  });
});

describe("sealing", () => {
  it.runIf(twoConnections)("seals committed rows in seal order; a row whose transaction was open waits for the next seal", async () => {
    const w = await readerWorld("reads-order");
    const early = holdReaderOpen(w, "early");
    await early.written;
    await readDayList(w, "middle");
    await readDayList(w, "late");
    expect(await sealOrganization(w.orgId)).toBe(2);
    early.release();
    await early.done;
    let rows = await rowsOf(w.orgId);
    expect(rows.map((r) => [r.request_id, r.seq])).toEqual([
      ["middle", 1],
      ["late", 2],
      ["early", null],
    ]);
    expect(await sealOrganization(w.orgId)).toBe(1);
    rows = await rowsOf(w.orgId);
    // "early" was written first but committed last: it takes its place in the chain when sealed.
    expect(rows.map((r) => [r.request_id, r.seq])).toEqual([
      ["middle", 1],
      ["late", 2],
      ["early", 3],
    ]);
    expectIntactChain(rows);
    const report = await verifyOrganizationChain(w.orgId);
    expect(report).toMatchObject({ rows: 3 });
    expect(report.firstBreak).toBeUndefined();
    expect(report.staleUnsealed).toBeUndefined();
  });

  it("a writer seals the reads waiting before its own event, in the same transaction", async () => {
    const w = await readerWorld("reads-writer-seals");
    await readDayList(w, "read-1");
    await readDayList(w, "read-2");
    const event = await withTenant(w.orgId, (tx) => auditRepo(tx, w.orgId).record(writerEvent(4)));
    expect(event.seq).toBe(3);
    const rows = await rowsOf(w.orgId);
    expect(rows.map((r) => [r.request_id, r.seq])).toEqual([
      ["read-1", 1],
      ["read-2", 2],
      ["writer-4", 3],
    ]);
    expectIntactChain(rows);
  });

  it("concurrent readers and sealers leave one unbroken chain holding every row", async () => {
    const w = await readerWorld("reads-race");
    const work = [
      ...Array.from({ length: 20 }, (_, n) => readDayList(w, `race-read-${n}`)),
      ...Array.from({ length: 5 }, () => sealOrganization(w.orgId)),
      ...Array.from({ length: 5 }, (_, n) => withTenant(w.orgId, (tx) => auditRepo(tx, w.orgId).record(writerEvent(100 + n)))),
    ];
    await Promise.all(work);
    await sealOrganization(w.orgId);
    const rows = await rowsOf(w.orgId);
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r.seq !== null)).toBe(true);
    expectIntactChain(rows);
    expect((await verifyOrganizationChain(w.orgId)).firstBreak).toBeUndefined();
  });

  it("the worker's pass seals every organization's waiting rows", async () => {
    const w = await readerWorld("reads-worker");
    await readDayList(w, "for-the-worker");
    const report = await runWorkerPass({ send: null });
    expect(report.auditRowsSealed).toBeGreaterThanOrEqual(1);
    // The read sealed first; then the pass's scheduled verification of the chain, recorded after it.
    const rows = await rowsOf(w.orgId);
    expect(rows.map((r) => [r.seq, r.request_id])).toEqual([
      [1, "for-the-worker"],
      [2, null],
    ]);
    expectIntactChain(rows);
  });

  it("the in-process sealer, started from inside a reader's transaction, seals after commit", async () => {
    const w = await readerWorld("reads-sealer");
    try {
      await withTenant(w.orgId, async (tx) => {
        await auditRepo(tx, w.orgId).append([
          {
            actor: { type: "system" },
            action: "view",
            resourceType: "appointment",
            patientIds: [w.patientId],
            resourceIds: [w.appointmentId],
          },
        ]);
        sealSoon(w.orgId, 25);
      });
      // A liveness wait, not a speed check: the sealer runs every 25 ms; allow it plenty of rounds.
      let seq: number | null = null;
      for (let i = 0; i < 400 && seq === null; i++) {
        await new Promise((r) => setTimeout(r, 25));
        seq = (await rowsOf(w.orgId))[0]!.seq;
      }
      expect(seq).toBe(1);
    } finally {
      await stopAuditSealer();
    }
  });

  it("a seal reads the rows it seals, not the organization's whole log", async () => {
    const w = await readerWorld("reads-seal-bounded");
    const append = (from: number, to: number) =>
      withTenant(w.orgId, (tx) =>
        tx.execute(sql`
          insert into audit_logs (organization_id, actor_type, action, resource_type, resource_id)
          select ${w.orgId}::uuid, 'system', 'view', 'history', 'h-' || n from generate_series(${from}::int, ${to}::int) as n`),
      );
    // A long log (5,000 sealed rows), then a full batch of 1,000 waiting.
    await append(1, 5000);
    expect(await sealOrganization(w.orgId)).toBe(5000);
    await append(5001, 6000);
    // What the seal's statements read from audit_logs, index by index: this backend's statistics
    // before and after it, in one transaction (counts not yet reported include earlier ones).
    const read = await withTenant(w.orgId, async (tx) => {
      const stats = async () => {
        const rows = await tx.execute<{ name: string; read: number }>(sql`
          select i.indexrelid::regclass::text as name, pg_stat_get_xact_tuples_returned(i.indexrelid)::int as read
            from pg_index i where i.indrelid = 'public.audit_logs'::regclass
          union all
          select '(sequential scans)', seq_tup_read::int from pg_stat_xact_user_tables where relid = 'public.audit_logs'::regclass`);
        return new Map(rows.map((r) => [r.name, r.read]));
      };
      const before = await stats();
      const sealed = await tx.execute<{ n: number }>(sql`select public.audit_seal(${w.orgId}::uuid, 1000) as n`);
      const after = await stats();
      const delta = Object.fromEntries([...after].map(([name, n]) => [name, n - (before.get(name) ?? 0)]));
      return { sealed: Number(sealed[0]!.n), delta };
    });
    expect(read.sealed).toBe(1000);
    // The batch is found through the waiting rows' index, the chain's head through the sequence
    // index, and each sealed row is written through its own tuple id (no index at all); nothing
    // reads the organization's log.
    expect(read.delta["(sequential scans)"]).toBe(0);
    expect(read.delta["audit_logs_org_occurred_idx"]).toBe(0);
    expect(read.delta["audit_logs_org_patient_idx"]).toBe(0);
    expect(read.delta["audit_logs_patient_ids_idx"]).toBe(0);
    expect(read.delta["audit_logs_pkey"]).toBe(0);
    expect(read.delta["audit_logs_org_seq_key"]).toBeLessThanOrEqual(2);
    expectIntactChain(await rowsOf(w.orgId));
  });

  it("stopping the in-process sealer waits for a round already under way", async () => {
    const w = await readerWorld("reads-sealer-stop");
    // A writer holds the organization's chain lock; a read's row is then left waiting behind it.
    const writer = holdWriterOpen(w.orgId, (tx) => auditRepo(tx, w.orgId).record(writerEvent(1)));
    await writer.written;
    await readDayList(w, "waits-for-the-lock");
    let stopped: Promise<void> | null = null;
    try {
      sealSoon(w.orgId, 10);
      // A liveness wait: the sealer's round is under way once it queues for the chain lock.
      let queued = false;
      for (let i = 0; i < 400 && !queued; i++) {
        await new Promise((r) => setTimeout(r, 25));
        const [row] = await asOwner(
          (s) => s<{ n: number }[]>`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
        );
        queued = row!.n > 0;
      }
      expect(queued).toBe(true);
      let finished = false;
      stopped = stopAuditSealer().then(() => {
        finished = true;
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(finished).toBe(false);
      writer.release();
      await writer.done;
      await stopped;
      // The round finished its work before stopping returned: the read is sealed behind the writer.
      expect((await rowsOf(w.orgId)).map((r) => [r.seq, r.request_id])).toEqual([
        [1, "writer-1"],
        [2, "waits-for-the-lock"],
      ]);
    } finally {
      writer.release();
      await stopped;
    }
  });
});

describe("the seal cannot be forged or used to edit", () => {
  it("the app role cannot update, delete or truncate readers' rows, sealed or not", async () => {
    const w = await readerWorld("reads-append-only");
    await readDayList(w, "unsealed");
    for (const statement of [
      sql`update audit_logs set seq = 1, prev_hash = 'x', row_hash = 'y' where organization_id = ${w.orgId}`,
      sql`update audit_logs set patient_ids = '{}' where organization_id = ${w.orgId}`,
      sql`delete from audit_logs where organization_id = ${w.orgId}`,
      sql`truncate audit_logs`,
    ]) {
      const err = await expectPgCode(
        withTenant(w.orgId, (tx) => tx.execute(statement)),
        "42501",
      );
      expect(err.message).toMatch(/permission denied/);
    }
    expect((await rowsOf(w.orgId)).map((r) => r.seq)).toEqual([null]);
  });

  it("the sealing role itself may only fill empty seal columns, never change content", async () => {
    const w = await readerWorld("reads-seal-role");
    await readDayList(w, "to-edit");
    const asAuditRole = (statement: string) =>
      asOwner(async (s) => {
        await s`select set_config('role', 'agentcare_audit', true), set_config('app.current_tenant_id', ${w.orgId}, true)`;
        return s.unsafe(statement, [w.orgId]);
      });
    // Sealing while also changing the list, or changing the list alone: refused.
    for (const statement of [
      `update audit_logs set seq = 1, prev_hash = 'x', row_hash = 'y', patient_ids = '{}' where organization_id = $1`,
      `update audit_logs set resource_ids = '{}' where organization_id = $1`,
      // Any other column changed along with the seal: a value, a time, a value emptied.
      `update audit_logs set seq = 1, prev_hash = 'x', row_hash = 'y', metadata = '{"edited": true}' where organization_id = $1`,
      `update audit_logs set seq = 1, prev_hash = 'x', row_hash = 'y', occurred_at = occurred_at + interval '1 second' where organization_id = $1`,
      `update audit_logs set seq = 1, prev_hash = 'x', row_hash = 'y', user_agent = null where organization_id = $1`,
      `update audit_logs set seq = 1, prev_hash = 'x', row_hash = 'y', actor_user_id = null where organization_id = $1`,
    ]) {
      const err = await expectPgCode(asAuditRole(statement), "42501");
      expect(err.message).toMatch(/append-only/);
    }
    await sealOrganization(w.orgId);
    // Once sealed, not even the seal columns change again.
    const err = await expectPgCode(
      asAuditRole(`update audit_logs set seq = 7, prev_hash = 'x', row_hash = 'y' where organization_id = $1`),
      "42501",
    );
    expect(err.message).toMatch(/append-only/);
    expectIntactChain(await rowsOf(w.orgId));
  });

  it("one organization's context can neither seal nor read another's rows", async () => {
    const a = await readerWorld("reads-tenant-a");
    const b = await readerWorld("reads-tenant-b");
    await readDayList(b, "b-read");
    await expectPgCode(
      withTenant(a.orgId, (tx) => tx.execute(sql`select public.audit_seal(${b.orgId}::uuid, 1000)`)),
      "42501",
    );
    // Sealing in A's context touches nothing of B's.
    await sealOrganization(a.orgId);
    expect((await rowsOf(b.orgId)).map((r) => r.seq)).toEqual([null]);
    const seen = await withTenant(a.orgId, async (tx) => ({
      all: await tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_logs where organization_id = ${b.orgId}`),
      byPatient: await auditRepo(tx, a.orgId).list({ patientId: b.patientId }),
    }));
    expect(seen.all[0]!.n).toBe(0);
    expect(seen.byPatient).toEqual([]);
  });
});

describe("rows chained before patient lists existed", () => {
  it("a row with empty lists hashes exactly as the earlier formula did, so older chains still verify", async () => {
    const w = await readerWorld("reads-legacy");
    await withTenant(w.orgId, (tx) => auditRepo(tx, w.orgId).record(writerEvent(7)));
    const [row] = await asOwner(
      (s) => s<{ current: string; earlier: string; stored: string }[]>`
        select public.audit_row_hash(a) as current, a.row_hash as stored,
               encode(sha256(convert_to(a.prev_hash || jsonb_build_array(
                 a.organization_id, a.seq, a.id, (extract(epoch from a.occurred_at) * 1000000)::bigint,
                 a.actor_user_id, a.actor_type, a.actor_role, a.action, a.resource_type, a.resource_id,
                 a.patient_id, a.outcome, a.request_id, a.ip, a.user_agent, a.metadata
               )::text, 'UTF8')), 'hex') as earlier
          from audit_logs a where a.organization_id = ${w.orgId}`,
    );
    expect(row!.current).toBe(row!.earlier);
    expect(row!.stored).toBe(row!.earlier);
  });
});

describe("tampering with sealed read rows is detected", () => {
  async function sealedChain(prefix: string, reads = 4) {
    const w = await readerWorld(prefix);
    for (let n = 1; n <= reads; n++) await readDayList(w, `${prefix}-${n}`);
    await sealOrganization(w.orgId);
    expect((await verifyOrganizationChain(w.orgId)).firstBreak).toBeUndefined();
    return w;
  }

  const behindTheAppsBack = (fn: (s: Parameters<Parameters<typeof asOwner>[0]>[0]) => Promise<unknown>) =>
    asOwner(async (s) => {
      await s`set local session_replication_role = replica`;
      await fn(s);
    });

  it("an edited patient list is a row_hash_mismatch at its seq", async () => {
    const w = await sealedChain("reads-edit");
    await behindTheAppsBack(
      (s) => s`update audit_logs set patient_ids = array[${w.patientId}]::uuid[] where organization_id = ${w.orgId} and seq = 2`,
    );
    const report = await verifyOrganizationChain(w.orgId);
    expect(report.firstBreak).toMatchObject({ seq: 2, reason: "row_hash_mismatch" });
  });

  it("a deleted sealed row is a sequence gap", async () => {
    const w = await sealedChain("reads-delete");
    await behindTheAppsBack((s) => s`delete from audit_logs where organization_id = ${w.orgId} and seq = 2`);
    expect((await verifyOrganizationChain(w.orgId)).firstBreak).toMatchObject({ seq: 3, reason: "sequence_gap" });
  });

  it("two sealed rows swapped is detected at the first of them", async () => {
    const w = await sealedChain("reads-reorder");
    await behindTheAppsBack(async (s) => {
      await s`update audit_logs set seq = -2 where organization_id = ${w.orgId} and seq = 2`;
      await s`update audit_logs set seq = 2 where organization_id = ${w.orgId} and seq = 3`;
      await s`update audit_logs set seq = 3 where organization_id = ${w.orgId} and seq = -2`;
    });
    const report = await verifyOrganizationChain(w.orgId);
    expect(report.firstBreak?.seq).toBe(2);
    expect(["prev_hash_mismatch", "row_hash_mismatch"]).toContain(report.firstBreak?.reason);
  });

  it("a row slipped into the sealed chain (later rows renumbered) is detected", async () => {
    const w = await sealedChain("reads-insert");
    await behindTheAppsBack(async (s) => {
      await s`update audit_logs set seq = seq + 100 where organization_id = ${w.orgId} and seq >= 3`;
      await s`update audit_logs set seq = seq - 99 where organization_id = ${w.orgId} and seq >= 103`;
      // The forger even computes a valid hash for the slipped-in row at seq 3.
      const [head] = await s<{ row_hash: string }[]>`select row_hash from audit_logs where organization_id = ${w.orgId} and seq = 2`;
      const [row] = await s<{ id: string }[]>`
        insert into audit_logs (organization_id, seq, actor_type, action, resource_type, prev_hash, row_hash, occurred_at)
        values (${w.orgId}, 3, 'system', 'view', 'appointment', ${head!.row_hash}, '', now()) returning id`;
      await s`update audit_logs a set row_hash = public.audit_row_hash(a) where a.id = ${row!.id}`;
    });
    const report = await verifyOrganizationChain(w.orgId);
    expect(report.firstBreak?.seq).toBe(4);
    expect(["prev_hash_mismatch", "row_hash_mismatch"]).toContain(report.firstBreak?.reason);
  });
});

describe("rows left unsealed", () => {
  it("are reported once older than the bound, with how many and since when", async () => {
    const w = await readerWorld("reads-stale");
    await readDayList(w, "waiting");
    const fresh = await verifyOrganizationChain(w.orgId, { maxUnsealedAgeSeconds: 300 });
    expect(fresh.staleUnsealed).toBeUndefined();
    const later = await verifyOrganizationChain(w.orgId, { maxUnsealedAgeSeconds: 300, now: new Date(Date.now() + 10 * 60_000) });
    expect(later.firstBreak).toBeUndefined();
    expect(later.staleUnsealed).toMatchObject({ rows: 1, maxAgeSeconds: 300 });

    const { code, stdout, stderr } = await runScript("scripts/audit-verify.ts", ["--max-unsealed-age", "0"]);
    expect(stderr).not.toMatch(/audit:verify failed/);
    expect(code, stdout + stderr).toBe(1);
    expect(stdout).toMatch(new RegExp(`STALE  organization ${w.orgId}: 1 rows unsealed for more than 0 s`));
    expect(stdout).not.toContain(`ok     organization ${w.orgId}`);

    await sealOrganization(w.orgId);
    expect((await verifyOrganizationChain(w.orgId, { maxUnsealedAgeSeconds: 0 })).staleUnsealed).toBeUndefined();
  }, 60_000);
});
