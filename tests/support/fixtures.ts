import crypto from "node:crypto";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { auditRepo } from "@/lib/audit/repository";
import { membershipsRepo } from "@/lib/memberships/repository";
import { platformUsers } from "@/lib/users/platform-repository";
import { PLATFORM_TABLES } from "@/lib/db/platform-tables";
import { asOwner } from "./owner";
import type { TenantTx } from "@/lib/db/tenant";
import {
  apiKeys,
  bookingHolds,
  invitations,
  organizationUsage,
  organizationResourceUsage,
  notifications,
  providerAppointmentTypes,
  providerDateOverrides,
  providerTimeOff,
  providerWorkingHours,
  waitlistEntries,
  waitlistOffers,
  calendarFeeds,
  appointmentSeries,
  locations,
  resources,
  intakeForms,
  intakeResponses,
  providerLocations,
  smsSettings,
  organizationSso,
  smsMessages,
  webhookDeliveries,
  webhookEndpoints,
} from "@/lib/db/schema";

export function uniqueSlug(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
}

export async function createOrganization(prefix = "hospital") {
  const slug = uniqueSlug(prefix);
  const org = await withPlatform((tx) =>
    platformOrganizations(tx).create({
      // Enterprise, so plan limits stay out of the way; plan-limit tests choose their plan.
      input: { name: `Test ${slug}`, slug, type: "hospital", timeZone: "America/New_York", plan: "enterprise" },
    }),
  );
  await withTenant(org.id, async (tx) => {
    const repo = organizationRepo(tx, org.id);
    await repo.getSettings();
    await repo.getBranding();
  });
  return org;
}

export type World = {
  orgId: string;
  providerId: string;
  patientId: string;
  typeId: string;
  appointmentId: string;
};

let counter = 0;

/** An organization with one provider, patient, type and appointment. */
export async function createWorld(prefix: string, startsAt = new Date("2030-03-04T14:00:00Z")): Promise<World> {
  const org = await createOrganization(prefix);
  const n = ++counter;
  return withTenant(org.id, async (tx) => {
    const provider = await providersRepo(tx, org.id).create({
      input: { name: `Dr. ${prefix} ${n}`, licenseNumber: `LIC-${n}`, email: `dr${n}@${prefix}.test` },
    });
    const patient = await patientsRepo(tx, org.id).create({
      input: { mrn: `MRN-${n}`, firstName: "Pat", lastName: `Ient${n}`, dateOfBirth: "1980-01-01", email: `pat${n}@${prefix}.test` },
    });
    const type = await appointmentTypesRepo(tx, org.id).create({ input: { name: "Visit", durationMinutes: 30 } });
    const appointment = await appointmentsRepo(tx, org.id).create({
      input: {
        patientId: patient.id,
        providerId: provider.id,
        appointmentTypeId: type.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      },
    });
    return { orgId: org.id, providerId: provider.id, patientId: patient.id, typeId: type.id, appointmentId: appointment.id };
  });
}

// ───────────── helpers for the isolation / security suites ─────────────

// Platform tables (cross-tenant by design, reached through withPlatform): the product's own list.
// The schema lint still requires forced RLS on them and no app-role policy that is not tenant-bound;
// every other table in public must keep the tenant invariants.
export { PLATFORM_TABLES } from "@/lib/db/platform-tables";

/** The tenant tables as the database sees them: public tables with organization_id, minus the platform. */
export async function listTenantTables(): Promise<string[]> {
  const rows = await asOwner(
    (sql) => sql<{ table_name: string }[]>`
      select c.relname as table_name
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
       where n.nspname = 'public' and c.relkind in ('r', 'p')
         and c.relname <> all(${PLATFORM_TABLES as unknown as string[]})
       order by c.relname`,
  );
  return rows.map((r) => r.table_name);
}

export async function createUser(prefix = "user") {
  const slug = uniqueSlug(prefix);
  return withPlatform((tx) => platformUsers(tx).create({ input: { email: `${slug}@users.test`, name: `User ${slug}` } }));
}

export type FullWorld = World & { userId: string; membershipId: string; auditId: string };

/** createWorld plus a member and an audit row: a row in every tenant table. */
export async function createFullWorld(prefix: string, startsAt?: Date): Promise<FullWorld> {
  const world = await createWorld(prefix, startsAt);
  const user = await createUser(`${prefix}-member`);
  return withTenant(world.orgId, async (tx) => {
    const membership = await membershipsRepo(tx, world.orgId).add({ userId: user.id, role: "owner" });
    const audit = await auditRepo(tx, world.orgId).record({
      actor: { type: "user", userId: user.id, role: "owner" },
      action: "view",
      resourceType: "patient",
      resourceId: world.patientId,
      patientId: world.patientId,
    });
    await seedSchedulingRows(tx, world);
    return { ...world, userId: user.id, membershipId: membership.id, auditId: audit.id };
  });
}

/** One row in each scheduling table (hours, overrides, time off, offered types, holds, outbox, waitlist). */
async function seedSchedulingRows(tx: TenantTx, world: World): Promise<void> {
  const org = world.orgId;
  await tx
    .insert(providerWorkingHours)
    .values({ organizationId: org, providerId: world.providerId, weekday: 1, startTime: "09:00", endTime: "12:00" });
  await tx
    .insert(providerDateOverrides)
    .values({ organizationId: org, providerId: world.providerId, date: "2030-03-05", startTime: null, endTime: null });
  await tx.insert(providerTimeOff).values({
    organizationId: org,
    providerId: world.providerId,
    startsAt: new Date("2030-04-01T00:00:00Z"),
    endsAt: new Date("2030-04-02T00:00:00Z"),
  });
  await tx.insert(providerAppointmentTypes).values({ organizationId: org, providerId: world.providerId, appointmentTypeId: world.typeId });
  await tx.insert(bookingHolds).values({
    organizationId: org,
    providerId: world.providerId,
    appointmentTypeId: world.typeId,
    startsAt: new Date("2030-03-06T14:00:00Z"),
    endsAt: new Date("2030-03-06T14:30:00Z"),
    tokenHash: crypto.randomBytes(16).toString("hex"),
    expiresAt: new Date("2030-03-06T14:00:00Z"),
  });
  await tx.insert(notifications).values({
    organizationId: org,
    kind: "confirmation",
    appointmentId: world.appointmentId,
    toEmail: "patient@example.com",
    subject: "Confirmed",
    bodyText: "Your appointment is confirmed.",
  });
  const [entry] = await tx
    .insert(waitlistEntries)
    .values({
      organizationId: org,
      patientId: world.patientId,
      appointmentTypeId: world.typeId,
      earliestDate: "2030-03-01",
      latestDate: "2030-03-31",
    })
    .returning();
  await tx.insert(organizationUsage).values({ organizationId: org, month: "2030-03-01", appointmentsCreated: 1 });
  await tx.insert(organizationResourceUsage).values({ organizationId: org, day: "2030-03-01", requests: 3, apiCalls: 1, dbTimeMs: 12 });
  await tx
    .insert(apiKeys)
    .values({ organizationId: org, name: "Fixture key", role: "staff", prefix: crypto.randomBytes(4).toString("hex"), secretHash: "x" });
  await tx.insert(invitations).values({
    organizationId: org,
    email: "invitee@example.com",
    role: "staff",
    tokenHash: crypto.randomBytes(16).toString("hex"),
    expiresAt: new Date("2030-01-01T00:00:00Z"),
  });
  await tx.insert(waitlistOffers).values({
    organizationId: org,
    entryId: entry!.id,
    providerId: world.providerId,
    appointmentTypeId: world.typeId,
    startsAt: new Date("2030-03-07T14:00:00Z"),
    endsAt: new Date("2030-03-07T14:30:00Z"),
    tokenHash: crypto.randomBytes(16).toString("hex"),
    expiresAt: new Date("2030-03-07T00:00:00Z"),
  });
  await tx
    .insert(calendarFeeds)
    .values({ organizationId: org, providerId: world.providerId, tokenHash: crypto.randomBytes(16).toString("hex") });
  const [location] = await tx
    .insert(locations)
    .values({ organizationId: org, name: "Main campus", timeZone: "America/New_York" })
    .returning();
  await tx.insert(resources).values({ organizationId: org, locationId: location!.id, name: "Room 1", kind: "exam room" });
  await tx.insert(providerLocations).values({ organizationId: org, providerId: world.providerId, weekday: 1, locationId: location!.id });
  await tx.insert(appointmentSeries).values({
    organizationId: org,
    patientId: world.patientId,
    providerId: world.providerId,
    appointmentTypeId: world.typeId,
    rule: "DTSTART;TZID=America/New_York:20300304T090000\nRRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=2",
  });
  await tx.insert(smsSettings).values({
    organizationId: org,
    enabled: false,
    accountSid: `AC${crypto.randomBytes(16).toString("hex")}`,
    authTokenEncrypted: `v1.${crypto.randomBytes(12).toString("base64url")}.fixture.fixture`,
    fromNumber: "+15550100000",
  });
  await tx.insert(organizationSso).values({
    organizationId: org,
    enabled: false,
    issuer: "https://idp.example.com",
    clientId: "fixture-client",
    clientSecretEncrypted: `v1.${crypto.randomBytes(12).toString("base64url")}.fixture.fixture`,
    allowedDomains: ["example.com"],
  });
  await tx.insert(smsMessages).values({
    organizationId: org,
    kind: "reminder",
    appointmentId: world.appointmentId,
    patientId: world.patientId,
    offsetHours: 48,
    toPhone: "+15550100001",
    body: "Fixture reminder",
  });
  const questionId = crypto.randomUUID();
  await tx.insert(intakeForms).values({
    organizationId: org,
    appointmentTypeId: world.typeId,
    questions: [{ id: questionId, kind: "short_text", label: "Fixture question", help: null, required: false, choices: [] }],
  });
  await tx.insert(intakeResponses).values({
    organizationId: org,
    appointmentId: world.appointmentId,
    answers: [{ questionId, label: "Fixture question", kind: "short_text", value: "Fixture answer" }],
    insurance: { payer: "Fixture Health", memberId: "F-1", groupNumber: null, holderName: null },
    cardImage: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    cardImageType: "image/jpeg",
    submittedBy: "patient",
  });
  const [endpoint] = await tx
    .insert(webhookEndpoints)
    .values({
      organizationId: org,
      url: "https://hooks.example.test/agentcare",
      eventTypes: ["appointment.created"],
      secretEncrypted: "v1.fixture.fixture.fixture",
    })
    .returning();
  await tx.insert(webhookDeliveries).values({
    organizationId: org,
    endpointId: endpoint!.id,
    eventType: "appointment.created",
    payload: { type: "appointment.created", data: { id: world.appointmentId } },
  });
}

export type PgErrorShape = { code: string; message: string; constraint_name?: string; constraint?: string };

/** The PostgreSQL error under whatever wrapped it (DrizzleQueryError, …), or undefined. */
export function pgError(err: unknown): PgErrorShape | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current; depth++) {
    const candidate = current as Partial<PgErrorShape>;
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate as PgErrorShape;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Awaits p, expecting it to reject; returns the rejection. Fails the test if p resolves. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    const value = await p;
    throw new UnexpectedSuccess(value);
  } catch (err) {
    if (err instanceof UnexpectedSuccess) {
      throw new Error(`expected a rejection, but it resolved with ${safeJson(err.value)}`);
    }
    return err;
  }
}

class UnexpectedSuccess {
  constructor(readonly value: unknown) {}
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Expects p to fail with the given SQLSTATE; returns the PostgreSQL error. */
export async function expectPgCode(p: Promise<unknown>, code: string): Promise<PgErrorShape> {
  const err = await rejection(p).catch((e: Error) => {
    throw new Error(`expected SQLSTATE ${code}, but ${e.message.replace(/^expected a rejection, but /, "")}`);
  });
  const pg = pgError(err);
  if (!pg || pg.code !== code) {
    const got = pg ? `${pg.code} ${pg.message}` : err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new Error(`expected SQLSTATE ${code}, got ${got}`);
  }
  return pg;
}

/** An owner's view of one organization's rows of a table, stable for before/after comparisons. */
export async function snapshotRows(table: string, orgId: string): Promise<unknown[]> {
  const [row] = await asOwner(
    (sql) => sql<{ rows: unknown[] }[]>`
      select coalesce(jsonb_agg(to_jsonb(t) order by to_jsonb(t)::text), '[]'::jsonb) as rows
        from ${sql(table)} t
       where t.organization_id = ${orgId}`,
  );
  return row!.rows;
}
