import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { patientsRepo } from "@/lib/patients/repository";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";
import { providersRepo } from "@/lib/providers/repository";
import { bookAppointment, cancelAppointment } from "@/lib/scheduling/booking";
import { joinWaitlist } from "@/lib/scheduling/waitlist";
import { createOrganization } from "../support/fixtures";
import { arriveAs, fingerprint } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);

const { claimWaitlistOfferAction } = await import("@/app/org/[org]/waitlist/claim/[token]/actions");

const request = { requestId: "claim-test", ip: "10.2.2.2", userAgent: "vitest" };

/** A clinic with one freed time offered to two waiting patients; their claim tokens. */
async function clinicWithOffers(prefix: string) {
  const org = await createOrganization(prefix);
  const slug = (await withPlatform((tx) => platformOrganizations(tx).findById({ id: org.id })))!.slug;
  const day = Temporal.Now.plainDateISO("America/New_York").add({ days: 3 }).toString();
  const startsAt = new Date(Temporal.PlainDateTime.from(`${day}T10:00`).toZonedDateTime("America/New_York").epochMilliseconds);
  const ids = await withTenant(org.id, async (tx) => {
    const hours = { start: "09:00", end: "17:00", isOpen: true };
    const businessHours = {
      monday: hours,
      tuesday: hours,
      wednesday: hours,
      thursday: hours,
      friday: hours,
      saturday: hours,
      sunday: hours,
    };
    await organizationRepo(tx, org.id).updateSettings({ patch: { businessHours } });
    const provider = await providersRepo(tx, org.id).create({ input: { name: "Dr. Claim" } });
    const type = await appointmentTypesRepo(tx, org.id).create({ input: { name: "Visit", durationMinutes: 30 } });
    const patients = [];
    for (let i = 0; i < 3; i++) {
      patients.push(
        (
          await patientsRepo(tx, org.id).create({
            input: { mrn: `W-${i}`, firstName: `Wait${i}`, lastName: "Ing", dateOfBirth: "1990-01-01", email: `w${i}@${prefix}.test` },
          })
        ).id,
      );
    }
    return { providerId: provider.id, typeId: type.id, patients };
  });
  const pub = <T>(fn: Parameters<typeof runAsPublic<T>>[1]) => runAsPublic({ orgId: org.id, request }, fn);
  const appointment = await pub((ctx) =>
    bookAppointment(ctx, {
      patientId: ids.patients[0]!,
      providerId: ids.providerId,
      appointmentTypeId: ids.typeId,
      startsAt,
      mode: "in_person",
      bookedVia: "staff",
      online: false,
    }),
  );
  for (const patientId of ids.patients.slice(1)) {
    await pub((ctx) => joinWaitlist(ctx, { patientId, appointmentTypeId: ids.typeId, earliestDate: day, latestDate: day }));
  }
  await pub((ctx) => cancelAppointment(ctx, { id: appointment.id, reason: "travelling", by: "patient" }));
  const offers = await withTenant(org.id, (tx) =>
    tx.execute<{ body_text: string }>(sql`select body_text from notifications where kind = 'waitlist_offer' order by to_email`),
  );
  const tokens = offers.map((o) => /\/waitlist\/claim\/([A-Za-z0-9_.-]+)/.exec(o.body_text)![1]!);
  return { orgId: org.id, host: `${slug}.localhost`, tokens };
}

let a: Awaited<ReturnType<typeof clinicWithOffers>>;
let b: Awaited<ReturnType<typeof clinicWithOffers>>;
beforeAll(async () => {
  a = await clinicWithOffers("claim-a");
  b = await clinicWithOffers("claim-b");
});

describe("claiming a waiting-list offer (a public server action)", () => {
  it("another hospital's token on this hospital's site finds nothing, and neither hospital changes", async () => {
    const [beforeA, beforeB] = [await fingerprint(a.orgId), await fingerprint(b.orgId)];
    arriveAs({ host: a.host, path: "/waitlist/claim/x", session: null });
    const result = await claimWaitlistOfferAction({ token: b.tokens[0]! });
    expect(result).toMatchObject({ ok: false, code: "not_found:waitlist_offer" });
    expect(await fingerprint(a.orgId)).toBe(beforeA);
    expect(await fingerprint(b.orgId)).toBe(beforeB);
  });

  it("a made-up or empty token is refused without a server error", async () => {
    arriveAs({ host: a.host, path: "/waitlist/claim/x", session: null });
    expect(await claimWaitlistOfferAction({ token: "not-a-token" })).toMatchObject({ ok: false, code: "not_found:waitlist_offer" });
    expect(await claimWaitlistOfferAction({ token: "" })).toMatchObject({ ok: false, code: "validation" });
    expect(await claimWaitlistOfferAction("nonsense" as never)).toMatchObject({ ok: false });
  });

  it("the first claim books the time; the other patient's offer is then gone", async () => {
    arriveAs({ host: a.host, path: "/waitlist/claim/x", session: null });
    const won = await claimWaitlistOfferAction({ token: a.tokens[1]! });
    expect(won).toMatchObject({ ok: true });
    expect(won.ok && won.data.manageUrl).toMatch(/\/appointments\/manage\//);
    expect(await claimWaitlistOfferAction({ token: a.tokens[0]! })).toMatchObject({ ok: false, code: "conflict:offer_gone" });
  });

  it("an unknown hospital's address answers 404 before anything else", async () => {
    arriveAs({ host: "no-such-hospital.localhost", path: "/waitlist/claim/x", session: null });
    expect(await claimWaitlistOfferAction({ token: a.tokens[0]! })).toMatchObject({ ok: false, code: "not_found:organization" });
  });

  it("is rate limited per address: the eleventh try in a minute is refused", async () => {
    arriveAs({ host: b.host, path: "/waitlist/claim/x", session: null, headers: { "x-forwarded-for": "10.77.0.1" } });
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) {
      const result = await claimWaitlistOfferAction({ token: "not-a-token" });
      codes.push(result.ok ? "ok" : result.code);
    }
    expect(codes.slice(0, 10).every((c) => c === "not_found:waitlist_offer")).toBe(true);
    expect(codes[10]).toBe("rate_limited");
  });
});
