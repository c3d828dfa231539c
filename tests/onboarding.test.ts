import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { ConflictError, ValidationError } from "@/lib/errors/app-error";
import { verifyDomain, verificationRecord } from "@/lib/administration/domains";
import { organizationRepo } from "@/lib/organizations/repository";
import { organizationService, userService } from "@/lib/administration/organizations";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { findOrganization } from "@/lib/organizations/lookup";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { findSlots } from "@/lib/scheduling/availability";
import { bookingOptions } from "@/lib/scheduling/online-booking";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";
import { reloadConfig } from "@/lib/config/env";

const previousRoot = process.env.ROOT_DOMAIN;
beforeAll(() => {
  // The onboarding examples use agentcare.com: read it as ROOT_DOMAIN.
  process.env.ROOT_DOMAIN = "agentcare.com";
  reloadConfig();
});
afterAll(() => {
  process.env.ROOT_DOMAIN = previousRoot;
  reloadConfig();
});

const unique = () => crypto.randomBytes(3).toString("hex");

describe("the onboarding sequence (create, domain, admin, settings) through the service functions", () => {
  it("creates a hospital, its domain, its admin and its settings", async () => {
    const suffix = unique();
    // Step 1: Organization Registration
    const hospital = await organizationService.create({
      name: "Metro General Hospital",
      slug: `metro-general-${suffix}`,
      type: "hospital",
      address: { street: "123 Medical Center Dr", city: "New York", state: "NY", zip: "10001", country: "USA" },
      contactInfo: { phone: "+1-555-0100", email: "info@metrogeneral.com" },
    });
    expect(hospital).toMatchObject({ name: "Metro General Hospital", type: "hospital", plan: "basic", status: "active" });

    // Step 2: Domain Setup
    const domain = await organizationService.addDomain(hospital.id, { domain: `metro-general-${suffix}.agentcare.com`, isPrimary: true });
    expect(domain).toMatchObject({ domain: `metro-general-${suffix}.agentcare.com`, isPrimary: true });
    expect(domain.verifiedAt).not.toBeNull();

    // Step 3: Admin User Creation
    const adminUser = await userService.createUser({
      email: `admin-${suffix}@metrogeneral.com`,
      name: "Hospital Administrator",
      organizationId: hospital.id,
    });
    const membership = await organizationService.addUser(hospital.id, adminUser.id, "admin");
    expect(membership).toMatchObject({ organizationId: hospital.id, userId: adminUser.id, role: "admin", status: "active" });

    // Step 4: Settings Configuration
    const settings = await organizationService.updateSettings(hospital.id, {
      enableOnlineBooking: true,
      enableTelehealth: true,
      businessHours: { monday: { start: "09:00", end: "17:00", isOpen: true } },
      defaultAppointmentDuration: 30,
    });
    expect(settings.businessHours.monday).toEqual({ start: "09:00", end: "17:00", isOpen: true });
    expect(settings.businessHours.tuesday.isOpen).toBe(true); // other days keep their defaults
    expect(settings.defaultAppointmentDuration).toBe(30);

    // The new hospital routes by its subdomain and has branding named after it.
    expect((await findOrganization(`metro-general-${suffix}`))?.id).toBe(hospital.id);
    const branding = await withTenant(hospital.id, (tx) => organizationRepo(tx, hospital.id).getBranding());
    expect(branding.displayName).toBe("Metro General Hospital");
  });
});

describe("organizationService rules", () => {
  it("refuses taken, reserved and malformed slugs, and creates nothing", async () => {
    const slug = `taken-${unique()}`;
    await organizationService.create({ name: "First", slug });
    const before = await withPlatform((tx) => platformOrganizations(tx).count());
    await expect(organizationService.create({ name: "Second", slug })).rejects.toBeInstanceOf(ConflictError);
    await expect(organizationService.create({ name: "Reserved", slug: "admin" })).rejects.toMatchObject({
      fieldErrors: { slug: ["That address is reserved."] },
    });
    await expect(organizationService.create({ name: "Bad", slug: "Bad Slug!" })).rejects.toBeInstanceOf(ValidationError);
    await expect(organizationService.create({ name: "Bad", slug: "a.b" })).rejects.toBeInstanceOf(ValidationError);
    expect(await withPlatform((tx) => platformOrganizations(tx).count())).toBe(before);
  });

  it("creates the organization and its owner in one transaction (a taken e-mail leaves no organization)", async () => {
    const email = `owner-${unique()}@example.com`;
    await userService.createUser({ email, name: "Existing", password: "long enough password" });
    const slug = `atomic-${unique()}`;
    await expect(
      organizationService.createWithOwner({ name: "Atomic", slug }, { owner: { email, name: "Dup", password: "long enough password" } }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await withPlatform((tx) => platformOrganizations(tx).findBySlug({ slug }))).toBeUndefined();
  });

  it("never hands one organization another's subdomain", async () => {
    const a = await organizationService.create({ name: "Hospital A", slug: `dom-a-${unique()}` });
    const b = await organizationService.create({ name: "Hospital B", slug: `dom-b-${unique()}` });
    await expect(organizationService.addDomain(a.id, { domain: `${b.slug}.agentcare.com` })).rejects.toBeInstanceOf(ValidationError);
  });

  it("custom domains need the plan, a DNS TXT proof, and only then route", async () => {
    const basic = await organizationService.create({ name: "Basic", slug: `cd-basic-${unique()}` });
    await expect(organizationService.addDomain(basic.id, { domain: `book.${basic.slug}.example` })).rejects.toMatchObject({
      status: 402,
      code: "plan_feature:custom_domains",
    });

    const ent = await organizationService.create({ name: "Enterprise", slug: `cd-ent-${unique()}`, plan: "enterprise" });
    const hostname = `book.${ent.slug}.example`;
    const domain = await organizationService.addDomain(ent.id, { domain: hostname });
    expect(domain.verifiedAt).toBeNull();
    expect(await findOrganization(hostname, hostname)).toBeNull();
    await expect(organizationService.addDomain(ent.id, { domain: hostname, isPrimary: true })).rejects.toMatchObject({
      code: "invalid:domain_unverified",
    });

    const record = verificationRecord(hostname, domain.verificationToken);
    await expect(verifyDomain(ent.id, domain.id, async () => [["something-else"]])).rejects.toBeInstanceOf(ValidationError);
    const verified = await verifyDomain(ent.id, domain.id, async (name) => (name === record.name ? [[record.value]] : []));
    expect(verified.verifiedAt).not.toBeNull();
    expect((await findOrganization(hostname, hostname))?.id).toBe(ent.id);
    // A hostname key only works on its own host.
    expect(await findOrganization(hostname, `${ent.slug}.agentcare.com`)).toBeNull();
  });

  it("an unverified claim cannot block the hospital that really owns a domain", async () => {
    const squatter = await organizationService.create({ name: "Squatter", slug: `squat-${unique()}`, plan: "enterprise" });
    const owner = await organizationService.create({ name: "Real owner", slug: `owner-${unique()}`, plan: "enterprise" });
    const hostname = `book.real-${unique()}.example`;
    const squat = await organizationService.addDomain(squatter.id, { domain: hostname });
    const mine = await organizationService.addDomain(owner.id, { domain: hostname });
    const record = verificationRecord(hostname, mine.verificationToken);
    await verifyDomain(owner.id, mine.id, async (name) => (name === record.name ? [[record.value]] : []));
    expect((await findOrganization(hostname, hostname))?.id).toBe(owner.id);
    // Even with a TXT record of its own, the squatter can no longer take it.
    const theirs = verificationRecord(hostname, squat.verificationToken);
    await expect(verifyDomain(squatter.id, squat.id, async () => [[theirs.value]])).rejects.toMatchObject({ status: 409 });
    expect((await findOrganization(hostname, hostname))?.id).toBe(owner.id);
  });

  it("the tenant role itself can never mark a domain verified", async () => {
    const ent = await organizationService.create({ name: "Sneaky", slug: `sneaky-${unique()}`, plan: "enterprise" });
    const d = await organizationService.addDomain(ent.id, { domain: `x.${ent.slug}.example` });
    await expect(
      withTenant(ent.id, (tx) => tx.execute(sql`update organization_domains set verified_at = now() where id = ${d.id}`)),
    ).rejects.toMatchObject({
      cause: { code: "42501" },
    });
  });

  it("video visits need a plan that includes telehealth, even with the setting on", async () => {
    const basic = await organizationService.create({ name: "No video", slug: `tele-${unique()}` });
    await organizationService.updateSettings(basic.id, { enableTelehealth: true });
    const type = await withTenant(basic.id, (tx) =>
      appointmentTypesRepo(tx, basic.id).create({ input: { name: "Video", durationMinutes: 20, telehealthAllowed: true } }),
    );
    await expect(
      withTenant(basic.id, (tx) =>
        findSlots(tx, basic.id, {
          appointmentTypeId: type.id,
          mode: "telehealth",
          fromDate: "2030-01-07",
          toDate: "2030-01-07",
          online: true,
        }),
      ),
    ).rejects.toMatchObject({ status: 402, message: "Telehealth is not included in the Basic plan. Upgrade to Professional to use it." });
    const options = await runAsPublic({ orgId: basic.id, request: { requestId: "t" } }, (ctx) => bookingOptions(ctx));
    expect(options.enableTelehealth).toBe(false);
    expect(options.types.every((t) => !t.telehealthAllowed)).toBe(true);
    await expect(organizationService.updateSettings(basic.id, { defaultAppointmentDuration: 2 })).rejects.toBeInstanceOf(ValidationError);
  });
});
