// The audit log: insert-and-read only for the app, append-only for everyone (superuser included),
// hash-chained per organization without forks under concurrent writers (readers' rows and their
// sealing: tests/audit-reads.test.ts), and tampering behind the app's back is found by
// verifyOrganizationChain and by `npm run audit:verify`.
//
// NOTE: this file leaves deliberately broken chains in the shared test database; elsewhere verify
// per organization (verifyOrganizationChain), never assume verifyAllChains is all-intact.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditRepo, type AuditEntry } from "@/lib/audit/repository";
import { verifyOrganizationChain } from "@/lib/audit/verify";
import { auditLogs } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { asOwner } from "./support/owner";
import { runScript } from "./support/cli";
import { createOrganization, createWorld, expectPgCode, rejection, type World } from "./support/fixtures";

const WRITERS = 40;

let W: World;
let other: World;

beforeAll(async () => {
  W = await createWorld("audit");
  other = await createWorld("audit-other");
});

function entry(n: number, patientId?: string): AuditEntry {
  return {
    actor: { type: "user", role: "clinician" },
    action: "view",
    resourceType: "patient",
    resourceId: patientId ?? `resource-${n}`,
    patientId: patientId ?? null,
    request: { requestId: `req-${n}`, ip: "203.0.113.7", userAgent: "vitest" },
    metadata: { n },
  };
}

async function record(orgId: string, n: number) {
  return withTenant(orgId, (tx) => auditRepo(tx, orgId).record(entry(n)));
}

type ChainRow = { seq: number; id: string; prev_hash: string | null; row_hash: string | null; expected: string; genesis: string };

async function chainOf(orgId: string): Promise<ChainRow[]> {
  return asOwner(
    (s) => s<ChainRow[]>`
      select a.seq::int as seq, a.id, a.prev_hash, a.row_hash,
             public.audit_row_hash(a) as expected, public.audit_genesis_hash(a.organization_id) as genesis
        from audit_logs a where a.organization_id = ${orgId} order by a.seq`,
  );
}

/** The invariants of an unbroken chain, checked independently of lib/audit/verify.ts. */
function expectUnbrokenChain(rows: ChainRow[], length: number) {
  expect(rows.map((r) => r.seq)).toEqual(Array.from({ length }, (_, i) => i + 1));
  rows.forEach((r, k) => {
    expect(r.prev_hash, `seq ${r.seq} prev_hash`).toMatch(/^[0-9a-f]{64}$/);
    expect(r.row_hash, `seq ${r.seq} row_hash`).toMatch(/^[0-9a-f]{64}$/);
    expect(r.row_hash, `seq ${r.seq} row_hash recomputed`).toBe(r.expected);
    expect(r.prev_hash, `seq ${r.seq} links to its predecessor`).toBe(k === 0 ? r.genesis : rows[k - 1]!.row_hash);
  });
}

describe("the app role: insert and read only", () => {
  it("can write and read its own audit rows", async () => {
    const written = await record(W.orgId, 1);
    expect(written.seq).toBeGreaterThan(0);
    expect(written.prevHash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await withTenant(W.orgId, (tx) => auditRepo(tx, W.orgId).list());
    expect(listed.map((r) => r.id)).toContain(written.id);
    expect(listed.every((r) => r.organizationId === W.orgId)).toBe(true);
  });

  const statements: [string, () => ReturnType<typeof sql>][] = [
    ["UPDATE", () => sql`update audit_logs set resource_id = 'tampered' where organization_id = ${W.orgId}`],
    ["DELETE", () => sql`delete from audit_logs where organization_id = ${W.orgId}`],
    ["TRUNCATE", () => sql`truncate audit_logs`],
  ];
  for (const [what, statement] of statements) {
    it(`${what} on audit_logs fails with permission denied`, async () => {
      const before = await chainOf(W.orgId);
      const err = await expectPgCode(
        withTenant(W.orgId, (tx) => tx.execute(statement())),
        "42501",
      );
      expect(err.message).toMatch(/permission denied/);
      expect(await chainOf(W.orgId)).toEqual(before);
    });
  }

  it("cannot write an audit row for another organization", async () => {
    const before = await chainOf(other.orgId);
    await expectPgCode(
      withTenant(W.orgId, (tx) => auditRepo(tx, other.orgId).record(entry(2))),
      "42501",
    );
    await expectPgCode(
      withTenant(W.orgId, (tx) =>
        tx.execute(sql`insert into audit_logs (organization_id, actor_type, action, resource_type)
                       values (${other.orgId}, 'system', 'view', 'patient')`),
      ),
      "42501",
    );
    expect(await chainOf(other.orgId)).toEqual(before);
  });

  it("cannot forge seq, hashes or time: the row starts unsealed and only the seal places it", async () => {
    const org = (await createOrganization("audit-forge")).id;
    const first = await record(org, 1);
    const forged = await withTenant(org, async (tx) => {
      const [row] = await tx
        .insert(auditLogs)
        .values({
          organizationId: org,
          actorType: "user",
          action: "export",
          resourceType: "patient",
          seq: 999,
          prevHash: "forged",
          rowHash: "forged",
          occurredAt: new Date("2000-01-01T00:00:00Z"),
        })
        .returning();
      return row!;
    });
    expect(forged.seq).toBeNull();
    expect(forged.prevHash).toBe("");
    expect(forged.rowHash).toBe("");
    expect(forged.occurredAt.getFullYear()).toBeGreaterThan(2000);
    await expectPgCode(
      withTenant(org, (tx) => tx.execute(sql`update audit_logs set seq = 2, prev_hash = 'x', row_hash = 'y' where id = ${forged.id}`)),
      "42501",
    );
    expect(await withTenant(org, (tx) => auditRepo(tx, org).seal())).toBe(1);
    const chain = await chainOf(org);
    expectUnbrokenChain(chain, 2);
    expect(chain[1]).toMatchObject({ id: forged.id, prev_hash: first.rowHash });
  });

  it("a rolled-back write leaves no gap in the chain", async () => {
    const org = (await createOrganization("audit-rollback")).id;
    await record(org, 1);
    await rejection(
      withTenant(org, async (tx) => {
        await auditRepo(tx, org).record(entry(2));
        throw new Error("roll me back");
      }),
    );
    await record(org, 3);
    expectUnbrokenChain(await chainOf(org), 2);
    expect((await verifyOrganizationChain(org)).firstBreak).toBeUndefined();
  });
});

describe("append-only even for the owner", () => {
  const attempts: [string, (s: Parameters<Parameters<typeof asOwner>[0]>[0], orgId: string) => Promise<unknown>][] = [
    ["UPDATE", (s, orgId) => s`update audit_logs set resource_id = 'tampered' where organization_id = ${orgId}`],
    ["DELETE", (s, orgId) => s`delete from audit_logs where organization_id = ${orgId}`],
    ["TRUNCATE", (s) => s`truncate audit_logs`],
  ];
  for (const [what, attempt] of attempts) {
    it(`${what} as superuser / table owner is refused by the trigger`, async () => {
      const before = await chainOf(W.orgId);
      expect(before.length).toBeGreaterThan(0);
      const err = await expectPgCode(
        asOwner((s) => attempt(s, W.orgId)),
        "42501",
      );
      expect(err.message).toMatch(/append-only/);
      expect(await chainOf(W.orgId)).toEqual(before);
    });

    it(`${what} as the audit table's owning role is refused too`, async () => {
      const before = await chainOf(W.orgId);
      const err = await expectPgCode(
        asOwner(async (s) => {
          await s`select set_config('role', 'agentcare_audit', true), set_config('app.current_tenant_id', ${W.orgId}, true)`;
          return attempt(s, W.orgId);
        }),
        "42501",
      );
      expect(err.message).toMatch(/append-only/);
      expect(await chainOf(W.orgId)).toEqual(before);
    });
  }
});

describe("concurrent writers", () => {
  it(`${WRITERS} concurrent writers of one organization leave an unbroken chain`, async () => {
    const org = (await createOrganization("audit-race")).id;
    const neighbour = (await createOrganization("audit-race-n")).id;
    const writes = Array.from({ length: WRITERS }, (_, n) => record(org, n));
    // A second organization writing at the same time: chains are per organization.
    const neighbourWrites = Array.from({ length: 10 }, (_, n) => record(neighbour, n));
    const [rows] = await Promise.all([Promise.all(writes), Promise.all(neighbourWrites)]);

    expect(new Set(rows.map((r) => r.seq)).size).toBe(WRITERS);
    const chain = await chainOf(org);
    expectUnbrokenChain(chain, WRITERS);
    expect(new Set(chain.map((r) => r.id))).toEqual(new Set(rows.map((r) => r.id)));
    expectUnbrokenChain(await chainOf(neighbour), 10);

    const report = await verifyOrganizationChain(org);
    expect(report.firstBreak).toBeUndefined();
    expect(report.rows).toBe(WRITERS);
  });

  it("no sealed audit row anywhere has an empty or NULL hash, and no unsealed row carries one", async () => {
    const [row] = await asOwner(
      (s) => s<{ n: number }[]>`
        select count(*)::int as n from audit_logs
         where (seq is not null and (prev_hash is null or prev_hash = '' or row_hash is null or row_hash = '' or seq < 1))
            or (seq is null and (prev_hash <> '' or row_hash <> ''))`,
    );
    expect(row!.n).toBe(0);
  });
});

function runAuditVerifyCli() {
  return runScript("scripts/audit-verify.ts");
}

describe("tampering behind the app's back is detected", () => {
  let edited: string;
  let deleted: string;
  let intact: string;

  beforeAll(async () => {
    edited = (await createOrganization("audit-edited")).id;
    deleted = (await createOrganization("audit-deleted")).id;
    intact = (await createOrganization("audit-intact")).id;
    for (let n = 1; n <= 5; n++) {
      await record(edited, n);
      await record(deleted, n);
    }
    for (let n = 1; n <= 3; n++) await record(intact, n);
  });

  it("both chains are intact before the tampering", async () => {
    expect((await verifyOrganizationChain(edited)).firstBreak).toBeUndefined();
    expect((await verifyOrganizationChain(deleted)).firstBreak).toBeUndefined();
  });

  it("an edited row (triggers off as superuser) is reported at its seq as row_hash_mismatch", async () => {
    const changed = await asOwner(async (s) => {
      await s`set local session_replication_role = replica`;
      const res = await s`update audit_logs set resource_id = 'tampered' where organization_id = ${edited} and seq = 3`;
      return res.count;
    });
    expect(changed).toBe(1);
    // The guard is back once that transaction ended.
    await expectPgCode(
      asOwner((s) => s`update audit_logs set resource_id = 'again' where organization_id = ${edited}`),
      "42501",
    );

    const report = await verifyOrganizationChain(edited);
    expect(report.firstBreak).toMatchObject({ organizationId: edited, seq: 3, reason: "row_hash_mismatch" });
    expect(report.rows).toBe(2);
  });

  it("a deleted row (user triggers disabled) is reported as a sequence gap", async () => {
    await asOwner(async (s) => {
      await s`alter table audit_logs disable trigger user`;
      await s`delete from audit_logs where organization_id = ${deleted} and seq = 2`;
      await s`alter table audit_logs enable trigger user`;
    });
    const report = await verifyOrganizationChain(deleted);
    expect(report.firstBreak).toMatchObject({ organizationId: deleted, seq: 3, reason: "sequence_gap" });
  });

  it("`npm run audit:verify` exits 1 and names the broken organizations and seqs", async () => {
    const { code, stdout, stderr } = await runAuditVerifyCli();
    expect(stderr).not.toMatch(/audit:verify failed/);
    expect(code, stdout + stderr).toBe(1);
    expect(stdout).toContain(`BROKEN organization ${edited}: first broken link at seq 3`);
    expect(stdout).toMatch(new RegExp(`BROKEN organization ${edited}: first broken link at seq 3 .*row_hash_mismatch`));
    expect(stdout).toContain(`BROKEN organization ${deleted}: first broken link at seq 3`);
    expect(stdout).toContain(`ok     organization ${intact}: 3 rows, chain intact`);
    expect(stdout).not.toContain(`BROKEN organization ${intact}`);
  }, 60_000);
});
