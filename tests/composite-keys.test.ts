// Composite foreign keys: a row of A can never point at a row of B, whatever the writer — even
// the table owner / superuser, for whom RLS does not apply. The database itself says no.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { asOwner } from "./support/owner";
import { createWorld, expectPgCode, type World } from "./support/fixtures";

let A: World;
let B: World;

beforeAll(async () => {
  A = await createWorld("fk-a");
  B = await createWorld("fk-b");
});

type Refs = { patientId: string; providerId: string; typeId: string };

/** Inserts an appointment of A as the owner, referencing the given rows. */
function ownerInsertAppointment(refs: Refs, startsAt: string) {
  return asOwner(async (sql) => {
    const [who] = await sql<{ bypass: boolean }[]>`
      select (r.rolsuper or r.rolbypassrls) as bypass from pg_roles r where r.rolname = current_user`;
    // The point of the test: RLS is not what stops this writer.
    expect(who!.bypass).toBe(true);
    const id = crypto.randomUUID();
    await sql`
      insert into appointments (organization_id, id, patient_id, provider_id, appointment_type_id, starts_at, ends_at)
      values (${A.orgId}, ${id}, ${refs.patientId}, ${refs.providerId}, ${refs.typeId},
              ${startsAt}::timestamptz, ${startsAt}::timestamptz + interval '30 minutes')`;
    return id;
  });
}

describe("an appointment of A referencing B's rows, inserted by the owner", () => {
  const own = (): Refs => ({ patientId: A.patientId, providerId: A.providerId, typeId: A.typeId });

  it("control: with A's own patient, provider and type the owner's insert succeeds", async () => {
    const id = await ownerInsertAppointment(own(), "2031-02-01T09:00:00Z");
    const [row] = await asOwner((sql) => sql<{ n: number }[]>`select count(*)::int as n from appointments where id = ${id}`);
    expect(row!.n).toBe(1);
  });

  const cases: [string, (r: Refs) => Refs, string][] = [
    ["B's patient", (r) => ({ ...r, patientId: B.patientId }), "appointments_patient_fk"],
    ["B's provider", (r) => ({ ...r, providerId: B.providerId }), "appointments_provider_fk"],
    ["B's appointment type", (r) => ({ ...r, typeId: B.typeId }), "appointments_type_fk"],
  ];
  cases.forEach(([what, swap, constraint], i) => {
    it(`fails with 23503 when it references ${what}`, async () => {
      // Its own day each, so no overlap with another case can answer before the foreign key.
      const err = await expectPgCode(ownerInsertAppointment(swap(own()), `2031-02-1${i}T09:00:00Z`), "23503");
      expect(err.constraint_name ?? err.constraint).toBe(constraint);
    });
  });

  it("fails when an existing appointment of A is re-pointed at B's patient or provider", async () => {
    for (const [column, value, constraint] of [
      ["patient_id", B.patientId, "appointments_patient_fk"],
      ["provider_id", B.providerId, "appointments_provider_fk"],
      ["appointment_type_id", B.typeId, "appointments_type_fk"],
    ] as const) {
      const err = await expectPgCode(
        asOwner(
          (sql) => sql`update appointments set ${sql(column)} = ${value} where organization_id = ${A.orgId} and id = ${A.appointmentId}`,
        ),
        "23503",
      );
      expect(err.constraint_name ?? err.constraint).toBe(constraint);
    }
  });

  it("fails when B's appointment is moved into A while keeping B's references", async () => {
    const err = await expectPgCode(
      asOwner(
        (sql) => sql`update appointments set organization_id = ${A.orgId} where organization_id = ${B.orgId} and id = ${B.appointmentId}`,
      ),
      "23503",
    );
    expect(err.constraint_name ?? err.constraint).toMatch(/^appointments_(patient|provider|type)_fk$/);
  });

  it("an audit row of A cannot name B's patient, even written by the owner", async () => {
    const err = await expectPgCode(
      asOwner(async (sql) => {
        await sql`select set_config('app.current_tenant_id', ${A.orgId}, true)`;
        await sql`
          insert into audit_logs (organization_id, actor_type, action, resource_type, patient_id)
          values (${A.orgId}, 'system', 'view', 'patient', ${B.patientId})`;
      }),
      "23503",
    );
    expect(err.constraint_name ?? err.constraint).toBe("audit_logs_patient_fk");
  });

  it("B's referenced rows cannot be deleted from under B's appointment either", async () => {
    // The other direction of the same keys: no orphaning by deleting the parent.
    await expectPgCode(
      asOwner((sql) => sql`delete from patients where organization_id = ${B.orgId} and id = ${B.patientId}`),
      "23503",
    );
  });
});
