import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verificationRecord } from "@/lib/administration/dns-resolver";
import { PLATFORM, organizationService } from "@/lib/administration/organizations";
import { addDomain, verifyDomain } from "@/lib/administration/settings";
import { reloadConfig } from "@/lib/config/env";
import { withTenant } from "@/lib/db/tenant";
import { findOrganization } from "@/lib/organizations/lookup";
import { organizationRepo } from "@/lib/organizations/repository";
import { outboxRepo } from "@/lib/notifications/outbox-repository";
import { actionAttacks, twoHospitals, type Hospitals } from "../support/action-attacks";
import { asOwner } from "../support/owner";
import { arriveAs, fingerprint, person, type Person } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);

const { profileAction, updateProfileAction } = await import("@/app/org/[org]/(staff)/settings/actions");
const { schedulingSettingsAction, updateSchedulingSettingsAction } = await import("@/app/org/[org]/(staff)/settings/scheduling/actions");
const { brandingAction, updateBrandingAction } = await import("@/app/org/[org]/(staff)/settings/branding/actions");
const { addDomainAction, domainsAction, makeDomainPrimaryAction, removeDomainAction, verifyDomainAction } =
  await import("@/app/org/[org]/(staff)/settings/domains/actions");
const { usageAction } = await import("@/app/org/[org]/(staff)/settings/usage/actions");
const { outboxAction } = await import("@/app/org/[org]/(staff)/outbox/actions");
const settingsDomainsRoute = await import("@/app/api/v1/settings/domains/route");
const primaryRoute = await import("@/app/api/v1/organizations/[id]/domains/[domainId]/primary/route");

// Domain verification reads its TXT records from a file here, as the e2e server does.
const dnsFile = path.join(os.tmpdir(), `agentcare-settings-test-dns-${process.pid}.json`);
const previousDnsFile = process.env.DNS_TXT_OVERRIDES_FILE;

function publishTxt(domain: { domain: string; verificationToken: string }, value?: string): void {
  const record = verificationRecord(domain.domain, domain.verificationToken);
  let current: Record<string, string[]> = {};
  try {
    current = JSON.parse(fs.readFileSync(dnsFile, "utf8")) as Record<string, string[]>;
  } catch {
    current = {};
  }
  fs.writeFileSync(dnsFile, JSON.stringify({ ...current, [record.name]: [value ?? record.value] }));
}

const tag = () => crypto.randomBytes(3).toString("hex");

/** A custom domain filed for an organization (enterprise fixtures), verified when asked. */
async function customDomain(orgId: string, options: { verified?: boolean } = {}) {
  const row = await addDomain({ orgId, by: PLATFORM }, { domain: `book-${tag()}.hospital.example`, isPrimary: false });
  if (!options.verified) return row;
  publishTxt(row);
  return verifyDomain({ orgId, by: PLATFORM }, row.id);
}

async function domainsOf(orgId: string) {
  return withTenant(orgId, (tx) => organizationRepo(tx, orgId).listDomains());
}

let h: Hospitals;
/** Hospital A's domains for the attacks: one to verify, one verified (to make primary), one to remove. */
type Filed = { id: string; domain: string; verificationToken: string };
let toVerify: Filed;
let verified: Filed;
let removable: Filed;
/** Hospital B's domain, with its TXT record published: still nobody at A may verify or touch it. */
let foreign: Filed;

beforeAll(async () => {
  process.env.DNS_TXT_OVERRIDES_FILE = dnsFile;
  reloadConfig();
  h = await twoHospitals("settings-actions");
  toVerify = await customDomain(h.a.orgId);
  publishTxt(toVerify);
  verified = await customDomain(h.a.orgId, { verified: true });
  removable = await customDomain(h.a.orgId);
  foreign = await customDomain(h.b.orgId);
  publishTxt(foreign);
});

afterAll(() => {
  process.env.DNS_TXT_OVERRIDES_FILE = previousDnsFile;
  reloadConfig();
  fs.rmSync(dnsFile, { force: true });
});

const hospitals = () => h;

describe("settings actions: the attacker's checks", () => {
  actionAttacks("profileAction", hospitals, {
    page: "/settings",
    valid: () => profileAction({}),
    invalid: () => profileAction("nope" as never),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("updateProfileAction", hospitals, {
    page: "/settings",
    valid: () => updateProfileAction({ contactInfo: { phone: "+1 555 0101", email: "front@hospital.example" } }),
    invalid: () => updateProfileAction({ name: "", timeZone: "Mars/Olympus_Mons", contactInfo: { email: "nope" } }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("schedulingSettingsAction", hospitals, {
    page: "/settings/scheduling",
    valid: () => schedulingSettingsAction({}),
    invalid: () => schedulingSettingsAction("nope" as never),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("updateSchedulingSettingsAction", hospitals, {
    page: "/settings/scheduling",
    valid: () =>
      updateSchedulingSettingsAction({
        bookingHorizonDays: 90,
        businessHours: { saturday: { start: "10:00", end: "14:00", isOpen: true } },
      }),
    invalid: () =>
      updateSchedulingSettingsAction({
        defaultAppointmentDuration: 2,
        businessHours: { monday: { start: "10:00", end: "09:00", isOpen: true } },
        telehealthBaseUrl: "ftp://video.example",
      }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("brandingAction", hospitals, {
    page: "/settings/branding",
    valid: () => brandingAction({}),
    invalid: () => brandingAction("nope" as never),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("updateBrandingAction", hospitals, {
    page: "/settings/branding",
    valid: () => updateBrandingAction({ primaryColor: "#1d4ed8", displayName: "Renamed Hospital" }),
    invalid: () => updateBrandingAction({ primaryColor: "blue", logoUrl: "ftp://example.org/logo.png", displayName: "x" }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("domainsAction", hospitals, {
    page: "/settings/domains",
    valid: () => domainsAction({}),
    invalid: () => domainsAction("nope" as never),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("addDomainAction", hospitals, {
    page: "/settings/domains",
    valid: () => addDomainAction({ domain: `book-${tag()}.hospital.example` }),
    invalid: () => addDomainAction({ domain: "not a domain" }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("verifyDomainAction", hospitals, {
    page: "/settings/domains",
    valid: () => verifyDomainAction({ id: toVerify.id }),
    foreignIds: () => verifyDomainAction({ id: foreign.id }),
    invalid: () => verifyDomainAction({ id: "not-an-id" }),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("makeDomainPrimaryAction", hospitals, {
    page: "/settings/domains",
    valid: () => makeDomainPrimaryAction({ id: verified.id }),
    foreignIds: () => makeDomainPrimaryAction({ id: foreign.id }),
    invalid: () => makeDomainPrimaryAction({ id: "not-an-id" }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("removeDomainAction", hospitals, {
    page: "/settings/domains",
    valid: () => removeDomainAction({ id: removable.id }),
    foreignIds: () => removeDomainAction({ id: foreign.id }),
    invalid: () => removeDomainAction({ id: "not-an-id" }),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("usageAction", hospitals, {
    page: "/settings/usage",
    valid: () => usageAction({}),
    invalid: () => usageAction("nope" as never),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("outboxAction", hospitals, {
    page: "/outbox",
    valid: () => outboxAction({ limit: 50 }),
    invalid: () => outboxAction({ status: "lost", limit: 0 } as never),
    allowed: "admin",
    refused: "clinician",
  });
});

describe("settings rules, in the one administration service", () => {
  let admin: Person;
  beforeAll(async () => {
    admin = await h.memberOfA("admin");
  });
  const atA = (page: string) => arriveAs({ host: h.a.host, path: page, session: admin.session });

  /** A Basic-plan hospital (created as onboarding does: its own address, verified and primary) and its admin. */
  async function basicHospital() {
    const slug = `basic-${tag()}`;
    const org = await organizationService.create({ name: "Basic Practice", slug, plan: "basic" });
    const member = await person([{ orgId: org.id, role: "admin" }], "basic-admin");
    const at = (page: string) => arriveAs({ host: `${slug}.localhost`, path: page, session: member.session });
    return { org, at };
  }

  it("branding: a logo or colours need custom branding (402 naming the upgrade); the display name is every plan's", async () => {
    const basic = await basicHospital();
    basic.at("/settings/branding");
    const before = await fingerprint(basic.org.id);
    for (const patch of [
      { primaryColor: "#aa0000" },
      { logoUrl: "https://example.org/logo.png" },
      { displayName: "Sneaky", accentColor: "#00aa00" },
    ]) {
      expect(await updateBrandingAction(patch)).toMatchObject({
        ok: false,
        code: "plan_feature:custom_branding",
        formError: "Custom branding is not included in the Basic plan. Upgrade to Professional to use it.",
      });
    }
    expect(await fingerprint(basic.org.id)).toBe(before);
    const renamed = await updateBrandingAction({ displayName: "Northside Family Care" });
    expect(renamed).toMatchObject({ ok: true, data: { displayName: "Northside Family Care", primaryColor: "#0f766e" } });
  });

  it("branding: a primary colour too light to read is refused with a field message, and nothing changes", async () => {
    atA("/settings/branding");
    const before = await fingerprint(h.a.orgId);
    for (const primaryColor of ["#e8e8e8", "#dcdcdc", "#facc15"]) {
      const refused = await updateBrandingAction({ primaryColor });
      expect(refused).toMatchObject({ ok: false, code: "invalid:brand_contrast" });
      expect(refused.ok ? {} : refused.fieldErrors).toMatchObject({ primaryColor: [expect.stringMatching(/only \d\.\d\d:1 contrast/)] });
    }
    expect(await fingerprint(h.a.orgId)).toBe(before);
    // A dark colour (white text) and a mid-tone one (black text) are both fine.
    expect(await updateBrandingAction({ primaryColor: "#1d4ed8" })).toMatchObject({ ok: true, data: { primaryColor: "#1d4ed8" } });
    expect(await updateBrandingAction({ primaryColor: "#0f766e" })).toMatchObject({ ok: true, data: { primaryColor: "#0f766e" } });
  });

  it("branding: an empty logo address clears the logo", async () => {
    atA("/settings/branding");
    expect(await updateBrandingAction({ logoUrl: "https://example.org/logo.png" })).toMatchObject({
      ok: true,
      data: { logoUrl: "https://example.org/logo.png" },
    });
    expect(await updateBrandingAction({ logoUrl: "" })).toMatchObject({ ok: true, data: { logoUrl: null } });
  });

  it("domains: a custom domain needs the plan (402); the own address needs nothing", async () => {
    const basic = await basicHospital();
    basic.at("/settings/domains");
    const before = await fingerprint(basic.org.id);
    expect(await addDomainAction({ domain: `book.${basic.org.slug}.example` })).toMatchObject({
      ok: false,
      code: "plan_feature:custom_domains",
    });
    expect(await fingerprint(basic.org.id)).toBe(before);
    const own = await addDomainAction({ domain: `${basic.org.slug}.localhost`, isPrimary: true });
    expect(own).toMatchObject({ ok: true, data: { domain: `${basic.org.slug}.localhost`, isPrimary: true, verification: null } });
  });

  it("domains: AgentCare's addresses are not anyone's to add — another hospital's subdomain or the root is refused beside the field", async () => {
    atA("/settings/domains");
    const before = await fingerprint(h.a.orgId);
    for (const domain of [`${h.b.slug}.localhost`, `anything-${tag()}.localhost`]) {
      const result = await addDomainAction({ domain });
      expect(result).toMatchObject({ ok: false, code: "invalid:domain", fieldErrors: { domain: ["Not your organization's address."] } });
      expect(result.ok ? "" : result.formError).toContain(`${h.a.slug}.localhost`);
    }
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("domains: a new custom domain is listed unverified with its TXT record, and adding it again returns the same row", async () => {
    atA("/settings/domains");
    const domain = `book-${tag()}.hospital.example`;
    const added = await addDomainAction({ domain });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.data).toMatchObject({ domain, isPrimary: false, verifiedAt: null });
    expect(added.data.verification).toEqual(verificationRecord(domain, added.data.verificationToken));
    const again = await addDomainAction({ domain: domain.toUpperCase() });
    expect(again.ok && again.data.id).toBe(added.data.id);
    const listed = await domainsAction({});
    expect(listed.ok && listed.data.find((d) => d.id === added.data.id)).toEqual({
      id: added.data.id,
      domain,
      isPrimary: false,
      verifiedAt: null,
      createdAt: added.data.createdAt,
      verification: added.data.verification,
    });
  });

  it("verify: without the TXT record, or with a wrong one, nothing changes; with it the domain is verified and routes at once", async () => {
    atA("/settings/domains");
    const domain = await customDomain(h.a.orgId);
    expect(await findOrganization(domain.domain, domain.domain)).toBeNull();
    const before = await fingerprint(h.a.orgId);
    const missing = await verifyDomainAction({ id: domain.id });
    expect(missing).toMatchObject({ ok: false, code: "invalid:domain_unverified" });
    expect(missing.ok ? "" : missing.formError).toContain(`_agentcare-challenge.${domain.domain}`);
    publishTxt(domain, "agentcare-verification=not-the-token");
    expect(await verifyDomainAction({ id: domain.id })).toMatchObject({ ok: false, code: "invalid:domain_unverified" });
    expect(await fingerprint(h.a.orgId)).toBe(before);

    publishTxt(domain);
    const result = await verifyDomainAction({ id: domain.id });
    expect(result).toMatchObject({ ok: true, data: { id: domain.id } });
    expect(result.ok && result.data.verifiedAt).toBeInstanceOf(Date);
    expect((await findOrganization(domain.domain, domain.domain))?.id).toBe(h.a.orgId);
  });

  it("verify: DNS is asked with no transaction of the service's open (read, then resolve, then write)", async () => {
    const domain = await customDomain(h.a.orgId);
    const record = verificationRecord(domain.domain, domain.verificationToken);
    let openWhileResolving = -1;
    const updated = await verifyDomain({ orgId: h.a.orgId, by: PLATFORM }, domain.id, async (name) => {
      openWhileResolving = await asOwner(async (sql) => {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
           where datname = current_database() and application_name = 'agentcare' and state like 'idle in transaction%'`;
        return row!.n;
      });
      return name === record.name ? [[record.value]] : [];
    });
    expect(openWhileResolving).toBe(0);
    expect(updated.verifiedAt).not.toBeNull();
  });

  it("verify: a domain another hospital has verified stays theirs (409), even with a TXT record of one's own", async () => {
    const theirs = await customDomain(h.b.orgId, { verified: true });
    const mine = await addDomain({ orgId: h.a.orgId, by: PLATFORM }, { domain: theirs.domain, isPrimary: false });
    publishTxt(mine);
    atA("/settings/domains");
    expect(await verifyDomainAction({ id: mine.id })).toMatchObject({ ok: false, code: "conflict:domain" });
    expect((await findOrganization(theirs.domain, theirs.domain))?.id).toBe(h.b.orgId);
  });

  it("primary: only a verified domain; the previous primary steps down, and the own address can take it back", async () => {
    atA("/settings/domains");
    const own = await addDomainAction({ domain: `${h.a.slug}.localhost` });
    expect(own.ok).toBe(true);
    const ownId = own.ok ? own.data.id : "";
    expect(await makeDomainPrimaryAction({ id: ownId })).toMatchObject({ ok: true, data: { isPrimary: true } });

    const unverified = await customDomain(h.a.orgId);
    const before = await fingerprint(h.a.orgId);
    expect(await makeDomainPrimaryAction({ id: unverified.id })).toMatchObject({
      ok: false,
      code: "invalid:domain_unverified",
      fieldErrors: { domain: ["Not verified yet."] },
    });
    expect(await fingerprint(h.a.orgId)).toBe(before);

    const custom = await customDomain(h.a.orgId, { verified: true });
    expect(await makeDomainPrimaryAction({ id: custom.id })).toMatchObject({ ok: true, data: { id: custom.id, isPrimary: true } });
    expect((await domainsOf(h.a.orgId)).filter((d) => d.isPrimary).map((d) => d.id)).toEqual([custom.id]);
    expect(await makeDomainPrimaryAction({ id: ownId })).toMatchObject({ ok: true });
    expect((await domainsOf(h.a.orgId)).filter((d) => d.isPrimary).map((d) => d.id)).toEqual([ownId]);
  });

  it("remove: the own address and the primary domain stay (409); a removed domain stops routing at once", async () => {
    atA("/settings/domains");
    const own = await addDomainAction({ domain: `${h.a.slug}.localhost`, isPrimary: true });
    const ownId = own.ok ? own.data.id : "";
    expect(await removeDomainAction({ id: ownId })).toMatchObject({ ok: false, code: "conflict:domain" });

    const custom = await customDomain(h.a.orgId, { verified: true });
    expect(await makeDomainPrimaryAction({ id: custom.id })).toMatchObject({ ok: true });
    expect(await removeDomainAction({ id: custom.id })).toMatchObject({ ok: false, code: "conflict:primary_domain" });
    expect(await makeDomainPrimaryAction({ id: ownId })).toMatchObject({ ok: true });

    expect((await findOrganization(custom.domain, custom.domain))?.id).toBe(h.a.orgId); // cached now
    expect(await removeDomainAction({ id: custom.id })).toMatchObject({ ok: true });
    expect(await findOrganization(custom.domain, custom.domain)).toBeNull();
    expect((await domainsOf(h.a.orgId)).map((d) => d.id)).not.toContain(custom.id);
  });

  it("profile: the new name and time zone are what the tenant lookup answers at once", async () => {
    expect((await findOrganization(h.a.slug))?.id).toBe(h.a.orgId); // cached now
    atA("/settings");
    const name = `Renamed Hospital ${tag()}`;
    const result = await updateProfileAction({ name, timeZone: "America/Chicago", address: { city: "Springfield" } });
    expect(result).toMatchObject({
      ok: true,
      data: { id: h.a.orgId, name, timeZone: "America/Chicago", address: { city: "Springfield" } },
    });
    expect(result.ok && result.data.createdAt).toBeInstanceOf(Date);
    expect(await findOrganization(h.a.slug)).toMatchObject({ name, timeZone: "America/Chicago" });
    expect(await profileAction({})).toMatchObject({ ok: true, data: { name } });
  });

  it("scheduling: business hours merge per weekday; an empty video link clears it", async () => {
    atA("/settings/scheduling");
    await updateSchedulingSettingsAction({ telehealthBaseUrl: "https://video.example.org/room" });
    const before = await schedulingSettingsAction({});
    if (!before.ok) throw new Error(before.formError);
    const result = await updateSchedulingSettingsAction({
      businessHours: { monday: { start: "08:00", end: "18:00", isOpen: true } },
      telehealthBaseUrl: "",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.businessHours).toEqual({ ...before.data.businessHours, monday: { start: "08:00", end: "18:00", isOpen: true } });
    expect(result.data.telehealthBaseUrl).toBeNull();
    expect(result.data.updatedAt.getTime()).toBeGreaterThanOrEqual(before.data.updatedAt.getTime());
  });

  it("usage: the plan, this month's counts and the subscription's standing", async () => {
    atA("/settings/usage");
    const result = await usageAction({});
    expect(result).toMatchObject({
      ok: true,
      data: { plan: { name: "enterprise" }, subscriptionStatus: "active", providers: { used: 1 }, users: { limit: 1000 } },
    });
  });

  it("outbox: only this hospital's messages, of the status asked for, and the read is audited", async () => {
    await withTenant(h.a.orgId, (tx) =>
      outboxRepo(tx, h.a.orgId).enqueue({ kind: "invitation", toEmail: `a-${tag()}@example.test`, subject: "Join A", bodyText: "Hello A" }),
    );
    await withTenant(h.b.orgId, (tx) =>
      outboxRepo(tx, h.b.orgId).enqueue({ kind: "invitation", toEmail: `b-${tag()}@example.test`, subject: "Join B", bodyText: "Hello B" }),
    );
    const requestId = crypto.randomUUID();
    arriveAs({ host: h.a.host, path: "/outbox", session: admin.session, headers: { "x-agentcare-request-id": requestId } });
    const result = await outboxAction({ status: "pending", limit: 200 });
    expect(result.ok).toBe(true);
    const subjects = result.ok ? result.data.map((m) => m.subject) : [];
    expect(subjects).toContain("Join A");
    expect(subjects).not.toContain("Join B");
    expect(result.ok && result.data.every((m) => m.status === "pending")).toBe(true);
    const audited = await asOwner(
      (sql) => sql<{ resource_type: string; outcome: string }[]>`
        select resource_type, outcome from audit_logs where organization_id = ${h.a.orgId} and request_id = ${requestId}`,
    );
    expect(audited).toEqual([{ resource_type: "notification_outbox", outcome: "success" }]);
  });
});

describe("REST and server actions share the service", () => {
  const params = (value: Record<string, string>) => ({ params: Promise.resolve(value) });

  it("GET /api/v1/settings/domains answers what domainsAction does", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: "/api/v1/settings/domains", session: admin.session });
    const response = await settingsDomainsRoute.GET(new Request(`http://${h.a.host}/api/v1/settings/domains`), params({}));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { id: string; verification: unknown }[] };
    arriveAs({ host: h.a.host, path: "/settings/domains", session: admin.session });
    const viaAction = await domainsAction({});
    expect(viaAction.ok).toBe(true);
    const fromAction = viaAction.ok ? viaAction.data : [];
    expect(body.data.map((d) => [d.id, d.verification])).toEqual(fromAction.map((d) => [d.id, d.verification]));
  });

  it("POST /api/v1/organizations/{id}/domains/{domainId}/primary keeps the rules: unverified 400, another hospital's admin 403", async () => {
    const unverified = await customDomain(h.a.orgId);
    const url = `http://localhost/api/v1/organizations/${h.a.orgId}/domains/${unverified.id}/primary`;
    const admin = await h.memberOfA("admin");
    arriveAs({ host: "localhost", path: new URL(url).pathname, session: admin.session });
    const refused = await primaryRoute.POST(new Request(url, { method: "POST" }), params({ id: h.a.orgId, domainId: unverified.id }));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("invalid:domain_unverified");

    const outsider = await h.memberOfB("owner");
    const before = await fingerprint(h.a.orgId);
    arriveAs({ host: "localhost", path: new URL(url).pathname, session: outsider.session });
    const forbidden = await primaryRoute.POST(new Request(url, { method: "POST" }), params({ id: h.a.orgId, domainId: unverified.id }));
    expect(forbidden.status).toBe(403);
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });
});
