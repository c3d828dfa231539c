// The API's day list answers with rows whose JSON text PostgreSQL writes. It must be the document
// the server would write from the rows it reads itself — byte for byte, for every kind of value a
// row holds (nulls, rooms, instants with microseconds, text that needs escaping) — with the same
// pages, cursors and audit rows.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { jsonResponse } from "@/lib/http/json-response";
import { membershipsRepo } from "@/lib/memberships/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { runAsMember } from "@/lib/pipeline/run-in-tenant";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { memberAppointments, memberAppointmentsDocument, type AppointmentListQuery } from "@/lib/scheduling/day-view";
import { withTenant } from "@/lib/db/tenant";
import { asOwner } from "./support/owner";
import { createUser, createWorld, type World } from "./support/fixtures";

const DAY = "2030-03-04";

type Fixture = World & { ownerId: string; clinicianId: string };

async function fixture(): Promise<Fixture> {
  const world = await createWorld("daydoc");
  const owner = await createUser("daydoc-owner");
  const clinician = await createUser("daydoc-clinician");
  await withTenant(world.orgId, async (tx) => {
    await membershipsRepo(tx, world.orgId).add({ userId: owner.id, role: "owner" });
    // A clinician with no provider record: an empty list, the same either way.
    await membershipsRepo(tx, world.orgId).add({ userId: clinician.id, role: "clinician" });
    const n = crypto.randomInt(1_000_000);
    const names = ['Zoë "Q" O\'Brien', "Line\nBreak\tTab", "Back\\slash \u2028 <b>&amp;", "Ctrl\u0001\u001f end", "日本語 😀"];
    for (const [i, lastName] of names.entries()) {
      const patient = await patientsRepo(tx, world.orgId).create({
        input: {
          mrn: `MRN-D${n}-${i}`,
          firstName: "Pat",
          lastName,
          dateOfBirth: `19${50 + i}-0${i + 1}-1${i}`,
          email: `d${n}-${i}@daydoc.test`,
        },
      });
      const startsAt = new Date(Date.parse(`${DAY}T15:00:00Z`) + i * 30 * 60_000);
      await appointmentsRepo(tx, world.orgId).create({
        input: {
          patientId: patient.id,
          providerId: world.providerId,
          appointmentTypeId: world.typeId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 30 * 60_000),
          reason: i % 2 ? null : `Reason ${lastName}`,
          notes: i === 1 ? 'Notes: "quoted", \\escaped\\, \r\n and a tab\t' : null,
        },
      });
    }
  });
  // The organization's first patient again two days later: a range of days lists one patient twice.
  await withTenant(world.orgId, (tx) =>
    appointmentsRepo(tx, world.orgId).create({
      input: {
        patientId: world.patientId,
        providerId: world.providerId,
        appointmentTypeId: world.typeId,
        startsAt: new Date("2030-03-06T15:00:00Z"),
        endsAt: new Date("2030-03-06T15:30:00Z"),
      },
    }),
  );
  await asOwner(async (sql) => {
    const [location] = await sql<{ id: string }[]>`
      insert into locations (organization_id, name, time_zone) values (${world.orgId}, 'Main', 'America/New_York') returning id`;
    const [room] = await sql<{ id: string }[]>`
      insert into resources (organization_id, location_id, name, kind) values (${world.orgId}, ${location!.id}, 'Room "A"', 'room') returning id`;
    const rows = await sql<{ id: string }[]>`
      select id from appointments where organization_id = ${world.orgId} order by starts_at, id`;
    // One visit in a room, one with a reschedule request at a time with microseconds, one cancelled.
    await sql`update appointments set location_id = ${location!.id}, resource_id = ${room!.id} where id = ${rows[1]!.id}`;
    await sql`update appointments set reschedule_requested_at = '2030-03-01 12:34:56.789987+00' where id = ${rows[2]!.id}`;
    await sql`update appointments set status = 'cancelled', cancel_reason = 'Patient asked', cancelled_at = now() where id = ${rows[3]!.id}`;
  });
  return { ...world, ownerId: owner.id, clinicianId: clinician.id };
}

/** Both ways of answering, each through the real pipeline (membership, permission, audit, commit). */
async function both(f: Fixture, query: AppointmentListQuery, userId = f.ownerId) {
  const run = <T>(requestId: string, view: (ctx: Parameters<Parameters<typeof runAsMember>[1]>[0]) => Promise<T>) =>
    runAsMember(
      {
        orgId: f.orgId,
        actor: { type: "user", userId },
        permission: "appointments:read",
        request: { requestId, ip: "198.51.100.9", userAgent: "vitest" },
      },
      view,
    );
  const objectsId = crypto.randomUUID();
  const documentId = crypto.randomUUID();
  const objects = await run(objectsId, async (ctx) => memberAppointments(ctx, await organizationRepo(ctx.tx, ctx.orgId).get(), query));
  const document = await run(documentId, async (ctx) =>
    memberAppointmentsDocument(ctx, await organizationRepo(ctx.tx, ctx.orgId).get(), query),
  );
  const answer = (v: typeof objects | typeof document) => ({
    data: v.data,
    nextCursor: v.nextCursor,
    date: v.from,
    to: v.to,
    timeZone: v.timeZone,
    scope: v.scope,
  });
  return {
    objects,
    expected: JSON.stringify(answer(objects)),
    actual: await jsonResponse(answer(document)).text(),
    audit: async () => {
      // Everything an audit row records but its own id, time, request and place in the chain.
      const rows = await asOwner(
        (sql) => sql<Record<string, unknown>[]>`
          select request_id, actor_type, actor_user_id, actor_role, action, resource_type, resource_id, patient_id,
                 patient_ids, resource_ids, outcome, ip, user_agent, metadata, seq
            from audit_logs
           where organization_id = ${f.orgId} and request_id in (${objectsId}, ${documentId})`,
      );
      const of = (id: string) => rows.filter((r) => r["request_id"] === id).map(({ request_id: _, ...rest }) => rest);
      return { objects: of(objectsId), document: of(documentId) };
    },
  };
}

let f: Fixture;
beforeAll(async () => {
  f = await fixture();
});

describe("the day list's document written by the database", () => {
  it("is byte for byte the serialized rows, for every kind of value", async () => {
    const { objects, expected, actual } = await both(f, { date: DAY });
    expect(objects.data.length).toBe(6);
    // The fixture holds what the comparison must cover.
    expect(objects.data.some((r) => r.resourceName === 'Room "A"')).toBe(true);
    expect(objects.data.some((r) => r.rescheduleRequestedAt?.toISOString() === "2030-03-01T12:34:56.789Z")).toBe(true);
    expect(objects.data.some((r) => r.status === "cancelled" && r.cancelReason)).toBe(true);
    expect(objects.data.some((r) => r.notes?.includes("\r\n"))).toBe(true);
    expect(actual).toBe(expected);
  });

  it("pages the same way: the same rows, the same cursors, to the end", async () => {
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { objects, expected, actual } = await both(f, { date: DAY, limit: 4, cursor });
      expect(actual).toBe(expected);
      cursor = objects.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
  });

  it("narrows the same way (statuses, provider, a range of days)", async () => {
    for (const query of [
      { date: DAY, status: ["cancelled" as const] },
      { from: "2030-03-01", to: "2030-03-07", providerId: f.providerId },
      { date: "2030-03-05" },
    ]) {
      const { expected, actual } = await both(f, query);
      expect(actual).toBe(expected);
    }
  });

  it("is empty the same way for a clinician with no provider record", async () => {
    const { objects, expected, actual } = await both(f, { date: DAY }, f.clinicianId);
    expect(objects.scope).toBe("own");
    expect(objects.data).toEqual([]);
    expect(actual).toBe(expected);
  });

  it("audits the same: who saw which patients and appointments, in the order shown", async () => {
    const { objects, audit } = await both(f, { date: DAY });
    const rows = await audit();
    expect(rows.document).toEqual(rows.objects);
    expect(rows.document).toHaveLength(1);
    const [row] = rows.document;
    expect(row!["patient_ids"]).toEqual(objects.data.map((a) => a.patientId));
    expect(row!["resource_ids"]).toEqual(objects.data.map((a) => a.id));
    expect(row).toMatchObject({ actor_type: "user", actor_user_id: f.ownerId, actor_role: "owner", action: "view" });
    expect(row).toMatchObject({ resource_id: null, patient_id: null, ip: "198.51.100.9", user_agent: "vitest", seq: null });
  });

  it("audits the same for every page, one row or one patient, a patient shown twice, and nothing shown", async () => {
    const cases: { query: AppointmentListQuery; rows: number }[] = [
      { query: { date: DAY, limit: 4 }, rows: 1 },
      { query: { date: DAY, status: ["cancelled"] }, rows: 1 },
      { query: { from: "2030-03-01", to: "2030-03-07", patientId: f.patientId }, rows: 1 },
      { query: { from: "2030-03-01", to: "2030-03-07" }, rows: 1 },
      { query: { date: "2030-03-05" }, rows: 0 },
    ];
    for (const { query, rows: expected } of cases) {
      const { objects, audit } = await both(f, query);
      const rows = await audit();
      expect(rows.document, JSON.stringify(query)).toEqual(rows.objects);
      expect(rows.document, JSON.stringify(query)).toHaveLength(expected);
      if (!expected) continue;
      // Only the page shown, not the row read ahead to know there is a next one.
      expect(rows.document[0]!["resource_ids"]).toEqual(objects.data.map((a) => a.id));
    }
    // The fixture makes the cases what their names say.
    const single = await both(f, { date: DAY, status: ["cancelled"] });
    expect(single.objects.data).toHaveLength(1);
    expect((await single.audit()).document[0]).toMatchObject({ resource_id: single.objects.data[0]!.id });
    const twice = await both(f, { from: "2030-03-01", to: "2030-03-07" });
    const patients = twice.objects.data.map((a) => a.patientId);
    expect(new Set(patients).size).toBeLessThan(patients.length);
    expect((await twice.audit()).document[0]!["patient_ids"]).toEqual([...new Set(patients)]);
    const onePatient = await both(f, { from: "2030-03-01", to: "2030-03-07", patientId: f.patientId });
    expect(onePatient.objects.data).toHaveLength(2);
    expect((await onePatient.audit()).document[0]).toMatchObject({ patient_id: f.patientId, patient_ids: [f.patientId] });
  });

  it("is the transaction's last statement: its audit row commits with it, and nothing can be sent after it", async () => {
    const requestId = crypto.randomUUID();
    let late: unknown = null;
    await runAsMember(
      {
        orgId: f.orgId,
        actor: { type: "user", userId: f.ownerId },
        permission: "appointments:read",
        request: { requestId, ip: null, userAgent: "vitest" },
      },
      async (ctx) => {
        const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
        const view = await memberAppointmentsDocument(ctx, organization, { date: DAY });
        try {
          await patientsRepo(ctx.tx, ctx.orgId).get({ id: f.patientId });
        } catch (err) {
          late = err;
        }
        return view;
      },
    );
    expect(String((late as { cause?: unknown } | null)?.cause ?? late)).toMatch(/after its transaction ended/);
    const rows = await asOwner((sql) => sql`select 1 from audit_logs where organization_id = ${f.orgId} and request_id = ${requestId}`);
    expect(rows).toHaveLength(1);
  });

  it("with another audit row already waiting, is audited the usual way after it", async () => {
    const requestId = crypto.randomUUID();
    const after = await runAsMember(
      {
        orgId: f.orgId,
        actor: { type: "user", userId: f.ownerId },
        permission: "appointments:read",
        request: { requestId, ip: null, userAgent: "vitest" },
      },
      async (ctx) => {
        await ctx.auditPatients("view", "patient", [{ id: f.patientId, patientId: f.patientId }]);
        const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
        await memberAppointmentsDocument(ctx, organization, { date: DAY });
        // Still inside the transaction: statements go on.
        return (await patientsRepo(ctx.tx, ctx.orgId).get({ id: f.patientId }))?.id;
      },
    );
    expect(after).toBe(f.patientId);
    const rows = await asOwner(
      (sql) => sql<{ resource_type: string }[]>`
        select resource_type from audit_logs where organization_id = ${f.orgId} and request_id = ${requestId} order by resource_type`,
    );
    expect(rows.map((r) => r.resource_type)).toEqual(["appointment", "patient"]);
  });
});
