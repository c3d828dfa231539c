import "server-only";
import { Temporal } from "temporal-polyfill";
import { hashPassword } from "@/lib/users/password";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { auditRepo } from "@/lib/audit/repository";
import { sql } from "drizzle-orm";
import { usageMonth } from "@/lib/billing/limits";
import { organizationUsage, type AppointmentStatus } from "@/lib/db/schema";
import { WEEKDAYS } from "@/lib/db/schema/organization-settings";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { smsRepo } from "@/lib/sms/repository";
import { encryptAuthToken } from "@/lib/sms/token-crypto";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { locationsRepo, providerLocationsRepo, resourcesRepo } from "@/lib/locations/repository";
import { placementFrom, weekOf } from "@/lib/scheduling/placement";
import { platformUsers } from "@/lib/users/platform-repository";
import { ensureIntake } from "./intake";
import { ensureSeries } from "./series";
import { DEMO_ORGS, DEMO_USERS, REASONS, demoPatients, prng, type DemoOrg } from "./data";

export type SeedReport = { organizations: { slug: string; created: boolean; appointments: number }[]; users: number };

const SYSTEM = { type: "system" as const, role: "seed" };
const SEED_REQUEST = { requestId: "seed" };

/**
 * Idempotent: creates what is missing, and tops up appointments when the two weeks around today hold
 * none besides the series' visits (kept clear of them). A demo weekly series is booked once.
 */
export async function seedDemo({ password, rootDomain }: { password: string; rootDomain: string }): Promise<SeedReport> {
  const passwordHash = await hashPassword(password);
  const report: SeedReport = { organizations: [], users: 0 };
  const orgIds = new Map<string, string>();

  for (const [index, demo] of DEMO_ORGS.entries()) {
    const { id, created } = await ensureOrganization(demo, rootDomain);
    orgIds.set(demo.slug, id);
    const appointments = await ensureAppointments(id, demo, 1000 + index);
    await ensureIntake(id, demo);
    // After the fortnight around today is filled: the series is booked around what is there.
    await ensureSeries(id, demo);
    report.organizations.push({ slug: demo.slug, created, appointments });
  }

  for (const demoUser of DEMO_USERS) {
    const user = await withPlatform(async (tx) => {
      const users = platformUsers(tx);
      const existing = await users.findByEmail({ email: demoUser.email });
      return (
        existing ??
        users.create({
          input: { email: demoUser.email, name: demoUser.name, passwordHash, isPlatformOperator: demoUser.platformOperator ?? false },
        })
      );
    });
    report.users += 1;
    for (const m of demoUser.memberships) {
      const orgId = orgIds.get(m.slug)!;
      await withTenant(orgId, async (tx) => {
        const repo = membershipsRepo(tx, orgId);
        if (!(await repo.findByUser({ userId: user.id }))) await repo.add({ userId: user.id, role: m.role });
        const demo = DEMO_ORGS.find((o) => o.slug === m.slug)!;
        const providerDef = demo.providers.find((p) => p.userEmail === demoUser.email);
        if (providerDef) {
          const providers = providersRepo(tx, orgId);
          const list = await providers.list();
          const provider = list.find((p) => p.licenseNumber === providerDef.licenseNumber);
          if (provider && !provider.userId) await providers.update({ id: provider.id, patch: { userId: user.id } });
        }
      });
    }
  }
  return report;
}

async function ensureOrganization(demo: DemoOrg, rootDomain: string): Promise<{ id: string; created: boolean }> {
  const existing = await withPlatform((tx) => platformOrganizations(tx).findBySlug({ slug: demo.slug }));
  if (existing) return { id: existing.id, created: false };

  const org = await withPlatform(async (tx) => {
    const orgs = platformOrganizations(tx);
    const created = await orgs.create({
      input: {
        name: demo.name,
        slug: demo.slug,
        type: demo.type,
        timeZone: demo.timeZone,
        plan: demo.plan,
        address: demo.address,
        contactInfo: demo.contactInfo,
      },
    });
    const host = rootDomain.replace(/:\d+$/, "");
    await orgs.addDomain({ organizationId: created.id, domain: `${demo.slug}.${host}`, isPrimary: true, verified: true });
    return created;
  });

  await withTenant(org.id, async (tx) => {
    const orgRepo = organizationRepo(tx, org.id);
    await orgRepo.getBranding();
    await orgRepo.updateBranding({ patch: demo.branding });
    await orgRepo.updateSettings({
      patch: { ...demo.settings, telehealthBaseUrl: `https://telehealth.${demo.slug}.example/room` },
    });
    const providers = providersRepo(tx, org.id);
    const providerIds = new Map<string, string>();
    for (const p of demo.providers) {
      const created = await providers.create({
        input: {
          name: p.name,
          title: p.title,
          specialty: p.specialty,
          licenseNumber: p.licenseNumber,
          email: p.email,
          phone: p.phone,
          offersTelehealth: p.offersTelehealth,
        },
      });
      providerIds.set(p.key, created.id);
    }
    const locationIds = new Map<string, string>();
    for (const l of demo.locations ?? []) {
      const location = await locationsRepo(tx, org.id).create({
        input: { name: l.name, address: l.address, phone: l.phone, timeZone: l.timeZone },
      });
      locationIds.set(l.name, location.id);
      for (const room of l.rooms) await resourcesRepo(tx, org.id).create({ input: { locationId: location.id, ...room } });
    }
    for (const [key, week] of Object.entries(demo.providerWeeks ?? {})) {
      await providerLocationsRepo(tx, org.id).replace({
        providerId: providerIds.get(key)!,
        days: week.weekdays.map((weekday) => ({ weekday, locationId: locationIds.get(week.location)! })),
      });
    }
    const types = appointmentTypesRepo(tx, org.id);
    for (const t of demo.types) await types.create({ input: t });
    const patients = patientsRepo(tx, org.id);
    const audit = auditRepo(tx, org.id);
    const sms = smsRepo(tx, org.id);
    if (demo.sms) {
      await sms.saveSettings({
        values: {
          enabled: true,
          accountSid: demo.sms.accountSid,
          authTokenEncrypted: encryptAuthToken(org.id, demo.sms.authToken),
          fromNumber: demo.sms.fromNumber,
          reminderOffsetsHours: [48, 2],
          releaseUnconfirmedHours: null,
        },
      });
    }
    for (const [i, input] of demoPatients(demo, 24, demo.slug.length * 7919).entries()) {
      const patient = await patients.create({ input });
      if (demo.sms && i < demo.sms.optedInPatients) await sms.setConsent({ ids: [patient.id], consentAt: new Date() });
      await audit.record({
        actor: SYSTEM,
        action: "create",
        resourceType: "patient",
        resourceId: patient.id,
        patientId: patient.id,
        request: SEED_REQUEST,
      });
    }
  });
  return { id: org.id, created: true };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

async function ensureAppointments(orgId: string, demo: DemoOrg, seed: number): Promise<number> {
  const now = Temporal.Now.instant();
  const today = now.toZonedDateTimeISO(demo.timeZone).toPlainDate();
  const windowStart = today.subtract({ days: 7 }).toZonedDateTime({ timeZone: demo.timeZone });
  const windowEnd = today.add({ days: 8 }).toZonedDateTime({ timeZone: demo.timeZone });
  const rand = prng(seed);

  return withTenant(orgId, async (tx) => {
    const appts = appointmentsRepo(tx, orgId);
    // The demo series reaches weeks ahead; a later start still tops up the days around it.
    const existing = await appts.countInRange({
      from: new Date(windowStart.epochMilliseconds),
      to: new Date(windowEnd.epochMilliseconds),
      single: true,
    });
    if (existing > 0) return existing;

    const providers = await providersRepo(tx, orgId).list({ activeOnly: true });
    const types = await appointmentTypesRepo(tx, orgId).list({ activeOnly: true });
    const patients = await patientsRepo(tx, orgId).search({ limit: 500 });
    const settings = await organizationRepo(tx, orgId).getSettings();
    const audit = auditRepo(tx, orgId);
    const placement = placementFrom(
      await locationsRepo(tx, orgId).list({ activeOnly: true }),
      await providerLocationsRepo(tx, orgId).all(),
    );
    const rooms = await resourcesRepo(tx, orgId).list({ activeOnly: true });
    /** Room id → the spans it is held for (ms, buffers included). */
    const roomBusy = new Map<string, [number, number][]>();
    /** Provider id → the spans already held in the window (the demo series' visits). */
    const providerBusy = new Map<string, [number, number][]>();
    const kept = await appts.list({ from: new Date(windowStart.epochMilliseconds), to: new Date(windowEnd.epochMilliseconds) });
    for (const a of kept.filter((k) => k.status !== "cancelled")) {
      const span: [number, number] = [
        a.startsAt.getTime() - a.bufferBeforeMinutes * 60_000,
        a.endsAt.getTime() + a.bufferAfterMinutes * 60_000,
      ];
      providerBusy.set(a.providerId, [...(providerBusy.get(a.providerId) ?? []), span]);
      if (a.resourceId) roomBusy.set(a.resourceId, [...(roomBusy.get(a.resourceId) ?? []), span]);
    }
    let created = 0;

    for (let offset = -7; offset <= 7; offset++) {
      const date = today.add({ days: offset });
      const hours = settings.businessHours[WEEKDAYS[date.dayOfWeek - 1]!];
      if (!hours.isOpen) continue;
      const open = minutesOf(hours.start);
      const close = minutesOf(hours.end);
      for (const provider of providers) {
        let cursor = open;
        while (cursor < close) {
          const type = types[Math.floor(rand() * types.length)]!;
          const start = cursor + type.bufferBeforeMinutes;
          const end = start + type.durationMinutes;
          if (end + type.bufferAfterMinutes > close) break;
          if (rand() < 0.45) {
            const startsAt = date
              .toZonedDateTime({
                timeZone: demo.timeZone,
                plainTime: Temporal.PlainTime.from({ hour: Math.floor(start / 60), minute: start % 60 }),
              })
              .toInstant();
            const endsAt = startsAt.add({ minutes: type.durationMinutes });
            const patient = patients[Math.floor(rand() * patients.length)]!;
            const telehealth = type.telehealthAllowed && provider.offersTelehealth && rand() < 0.5;
            const location = weekOf(placement, provider.id)?.get(date.dayOfWeek) ?? null;
            // A type that needs a room takes a free one at the provider's location that day, or the time stays free.
            const held: [number, number] = [
              startsAt.epochMilliseconds - type.bufferBeforeMinutes * 60_000,
              endsAt.epochMilliseconds + type.bufferAfterMinutes * 60_000,
            ];
            const room =
              type.requiredResourceKind && !telehealth
                ? rooms.find(
                    (r) =>
                      r.locationId === location?.id &&
                      r.kind === type.requiredResourceKind &&
                      !(roomBusy.get(r.id) ?? []).some(([s, e]) => s < held[1] && e > held[0]),
                  )
                : undefined;
            const providerTaken = (providerBusy.get(provider.id) ?? []).some(([s, e]) => s < held[1] && e > held[0]);
            if (providerTaken || (type.requiredResourceKind && !telehealth && !room)) {
              cursor += 30;
              cursor = Math.ceil(cursor / 15) * 15;
              continue;
            }
            if (room) roomBusy.set(room.id, [...(roomBusy.get(room.id) ?? []), held]);
            const status = demoStatus(Temporal.Instant.compare(endsAt, now) < 0, Temporal.Instant.compare(startsAt, now) < 0, rand());
            const row = await appts.create({
              input: {
                patientId: patient.id,
                providerId: provider.id,
                appointmentTypeId: type.id,
                startsAt: new Date(startsAt.epochMilliseconds),
                endsAt: new Date(endsAt.epochMilliseconds),
                bufferBeforeMinutes: type.bufferBeforeMinutes,
                bufferAfterMinutes: type.bufferAfterMinutes,
                status,
                mode: telehealth ? "telehealth" : "in_person",
                reason: REASONS[Math.floor(rand() * REASONS.length)]!,
                bookedVia: rand() < 0.3 ? "online" : "staff",
                locationId: location?.id ?? null,
                resourceId: room?.id ?? null,
              },
            });
            if (status !== "completed" && status !== "checked_in" && status !== "no_show" && rand() < 0.08) {
              // Most cancellations come from patients; some from the hospital (a provider called away).
              const byPatient = rand() < 0.7;
              await appts.cancel({
                id: row.id,
                reason: byPatient ? "Patient requested a different day" : "Provider unavailable",
                by: byPatient ? "patient" : "staff",
              });
            }
            await audit.record({
              actor: SYSTEM,
              action: "create",
              resourceType: "appointment",
              resourceId: row.id,
              patientId: patient.id,
              request: SEED_REQUEST,
            });
            created += 1;
            cursor = end + type.bufferAfterMinutes;
          } else {
            cursor += 30;
          }
          cursor = Math.ceil(cursor / 15) * 15;
        }
      }
    }
    if (created > 0) {
      // The demo's appointments count against this month's plan usage like any others.
      await tx
        .insert(organizationUsage)
        .values({ organizationId: orgId, month: usageMonth(new Date(now.epochMilliseconds), demo.timeZone), appointmentsCreated: created })
        .onConflictDoUpdate({
          target: [organizationUsage.organizationId, organizationUsage.month],
          set: { appointmentsCreated: sql`${organizationUsage.appointmentsCreated} + ${created}` },
        });
    }
    return created;
  });
}

function demoStatus(ended: boolean, started: boolean, r: number): AppointmentStatus {
  if (ended) return r < 0.85 ? "completed" : "no_show";
  if (started) return "checked_in";
  return r < 0.6 ? "confirmed" : "scheduled";
}
