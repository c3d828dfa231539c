// Hot reads built once per shape and run in every transaction: what must never change is that each
// run sees its own organization's rows with its own filter values, whichever tenant built the
// statement first, and that a statement with a value frozen into it is refused.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { providers } from "@/lib/db/schema";
import { reusableRead } from "@/lib/db/reusable";
import { withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { createWorld, type World } from "./support/fixtures";

let A: World;
let B: World;
const DAY_A = new Date("2031-05-06T15:00:00Z");
const DAY_B = new Date("2031-05-07T15:00:00Z");

beforeAll(async () => {
  A = await createWorld("reuse-a", DAY_A);
  B = await createWorld("reuse-b", DAY_B);
});

const day = (at: Date) => ({ from: new Date(at.getTime() - 12 * 3_600_000), to: new Date(at.getTime() + 12 * 3_600_000) });

async function ids(world: World, filters: Parameters<ReturnType<typeof appointmentsRepo>["listDetailed"]>[0]) {
  return withTenant(world.orgId, async (tx) => (await appointmentsRepo(tx, world.orgId).listDetailed(filters)).map((r) => r.id));
}

describe("a read built once per shape", () => {
  it("gives each organization its own rows with its own filters, interleaved and concurrent", async () => {
    const runs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0 ? ids(A, { ...day(DAY_A), providerId: A.providerId }) : ids(B, { ...day(DAY_B), providerId: B.providerId }),
      ),
    );
    runs.forEach((run, i) => expect(run).toEqual([i % 2 === 0 ? A.appointmentId : B.appointmentId]));
    // The same shape with the other organization's values finds nothing: its filters are the caller's.
    expect(await ids(A, { ...day(DAY_B), providerId: B.providerId })).toEqual([]);
    expect(await ids(B, { ...day(DAY_A), providerId: B.providerId })).toEqual([]);
  });

  it("keeps shapes apart: statuses, a cursor and a limit each change the statement or its values", async () => {
    expect(await ids(A, { ...day(DAY_A), status: ["scheduled"] })).toEqual([A.appointmentId]);
    expect(await ids(A, { ...day(DAY_A), status: ["cancelled", "completed"] })).toEqual([]);
    expect(await ids(A, { ...day(DAY_A), after: { startsAt: DAY_A, id: A.appointmentId } })).toEqual([]);
    expect(await ids(A, { ...day(DAY_A), limit: 0 })).toEqual([]);
    expect(await ids(A, { ...day(DAY_A), patientId: A.patientId, limit: 5 })).toEqual([A.appointmentId]);
  });

  it("answers membership lookups for the caller's organization and user only", async () => {
    const users = await Promise.all([
      withTenant(A.orgId, (tx) => membershipsRepo(tx, A.orgId).accessOf({ userId: crypto.randomUUID() })),
      withTenant(B.orgId, (tx) => membershipsRepo(tx, B.orgId).accessOf({ userId: crypto.randomUUID() })),
    ]);
    expect(users).toEqual([undefined, undefined]);
  });

  it("refuses a statement with a value bound into it instead of a placeholder", async () => {
    await expect(
      withTenant(A.orgId, (tx) =>
        reusableRead(
          tx,
          "frozen_value_check",
          "",
          (db) => db.select({ id: providers.id }).from(providers).where(eq(providers.id, A.providerId)),
          {},
        ),
      ),
    ).rejects.toThrow(/bound into a reusable statement/);
  });
});
