import "server-only";
import { assertFeature, usageReport } from "@/lib/billing/limits";
import { platformKey } from "@/lib/cache/keys";
import { invalidatePrefix } from "@/lib/cache/memory";
import type { Organization, OrganizationBranding, OrganizationDomain, OrganizationSettings } from "@/lib/db/schema";
import { DEFAULT_BUSINESS_HOURS } from "@/lib/db/schema/organization-settings";
import { withPlatform, withTenant, type TenantTx } from "@/lib/db/tenant";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { brandContrast, brandContrastMessage } from "@/lib/branding/contrast";
import { ERROR_CATALOGUE } from "@/lib/errors/catalogue";
import { isAgentCareAddress, rootHost, subdomainOf } from "@/lib/organizations/addresses";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { organizationJson } from "@/lib/organizations/public-shape";
import { organizationRepo } from "@/lib/organizations/repository";
import type { AddDomainInput, BrandingPatchInput, ProfilePatchInput, SettingsPatch } from "@/lib/organizations/schemas";
import type { AdminScope } from "@/lib/tenancy/service-context";
import { dnsResolver, verificationRecord, type TxtRecord, type TxtResolver } from "./dns-resolver";

// Administering one organization — its profile, scheduling settings, branding, domains and usage —
// whichever door the request came in by: the admin console's server actions and /api/v1/settings/*
// (a member, in the request's tenant transaction) or /api/v1/organizations/{id}/* (an operator or
// a member, no transaction yet: the service opens its own). Every rule lives here.

/** The scope's transaction, or one of the service's own. */
function inTenant<T>(scope: AdminScope, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return scope.tx ? fn(scope.tx) : withTenant(scope.orgId, fn, { userId: scope.by.userId });
}

/** The organization lookups (by slug, id and host) hold organization rows and verified domains. */
function invalidateTenantLookups(which: "org-" | "org-by-domain" = "org-"): Promise<void> {
  return invalidatePrefix(platformKey(which));
}

// ───────────── profile ─────────────

export type OrganizationProfile = ReturnType<typeof organizationJson>;

export async function getProfile(scope: AdminScope): Promise<OrganizationProfile> {
  return organizationJson(await inTenant(scope, (tx) => organizationRepo(tx, scope.orgId).get()));
}

/** Name, type, address, contact and time zone; the cached tenant lookups are refreshed. */
export async function updateProfile(scope: AdminScope, patch: ProfilePatchInput): Promise<OrganizationProfile> {
  const updated = await inTenant(scope, (tx) => organizationRepo(tx, scope.orgId).updateProfile({ patch }));
  await invalidateTenantLookups();
  return organizationJson(updated);
}

export type OrganizationDetail = OrganizationProfile & {
  settings: OrganizationSettings;
  branding: OrganizationBranding;
  domains: OrganizationDomain[];
};

/** The organization with its settings, branding and domains (the operators' view). */
export async function getOrganizationDetail(scope: AdminScope): Promise<OrganizationDetail> {
  return inTenant(scope, async (tx) => {
    const repo = organizationRepo(tx, scope.orgId);
    return {
      ...organizationJson(await repo.get()),
      settings: await repo.getSettings(),
      branding: await repo.getBranding(),
      domains: await repo.listDomains(),
    };
  });
}

// ───────────── scheduling settings ─────────────

export async function getSchedulingSettings(scope: AdminScope): Promise<OrganizationSettings> {
  return inTenant(scope, (tx) => organizationRepo(tx, scope.orgId).getSettings());
}

/** Any subset; business hours merge per weekday; an empty telehealth link clears it. */
export async function updateSchedulingSettings(scope: AdminScope, patch: SettingsPatch): Promise<OrganizationSettings> {
  return inTenant(scope, async (tx) => {
    const repo = organizationRepo(tx, scope.orgId);
    const current = await repo.getSettings();
    const { businessHours, telehealthBaseUrl, ...rest } = patch;
    return repo.updateSettings({
      patch: {
        ...rest,
        ...(businessHours ? { businessHours: { ...DEFAULT_BUSINESS_HOURS, ...current.businessHours, ...businessHours } } : {}),
        ...(telehealthBaseUrl !== undefined ? { telehealthBaseUrl: telehealthBaseUrl || null } : {}),
      },
    });
  });
}

// ───────────── branding ─────────────

/** What custom branding pays for; the display name is every plan's. */
const CUSTOM_BRANDING_FIELDS = ["logoUrl", "primaryColor", "accentColor"] as const;

export async function getBranding(scope: AdminScope): Promise<OrganizationBranding> {
  return inTenant(scope, (tx) => organizationRepo(tx, scope.orgId).getBranding());
}

/** Any subset; a logo or colours need the custom-branding feature (402 naming the upgrade). */
/** A primary colour must read clearly with its text (black or white, chosen for it) and on the white page. */
function assertReadablePrimary(primaryColor: string | undefined): void {
  if (primaryColor === undefined) return;
  const contrast = brandContrast(primaryColor);
  if (contrast.ok) return;
  throw new ValidationError(
    ERROR_CATALOGUE["invalid:brand_contrast"].message,
    { primaryColor: [brandContrastMessage(contrast)] },
    "invalid:brand_contrast",
  );
}

export async function updateBranding(scope: AdminScope, patch: BrandingPatchInput): Promise<OrganizationBranding> {
  return inTenant(scope, async (tx) => {
    if (CUSTOM_BRANDING_FIELDS.some((field) => patch[field] !== undefined)) await assertFeature(tx, scope.orgId, "custom_branding");
    assertReadablePrimary(patch.primaryColor);
    const { logoUrl, ...rest } = patch;
    return organizationRepo(tx, scope.orgId).updateBranding({
      patch: { ...rest, ...(logoUrl !== undefined ? { logoUrl: logoUrl || null } : {}) },
    });
  });
}

// ───────────── domains ─────────────

/** A domain with the DNS TXT record that proves it (null once verified). */
export type DomainRecord = OrganizationDomain & { verification: TxtRecord | null };
/** A domain as the admin console lists it. */
export type DomainListing = Pick<OrganizationDomain, "id" | "domain" | "isPrimary" | "verifiedAt" | "createdAt"> & {
  verification: TxtRecord | null;
};

function proofOf(domain: Pick<OrganizationDomain, "domain" | "verifiedAt" | "verificationToken">): TxtRecord | null {
  return domain.verifiedAt ? null : verificationRecord(domain.domain, domain.verificationToken);
}

/** The organization's own AgentCare address is always its to use; custom domains need the plan. */
async function assertMayUse(tx: TenantTx, organization: Organization, domain: string): Promise<void> {
  const own = subdomainOf(organization.slug);
  if (domain === own) return;
  if (isAgentCareAddress(domain)) {
    throw new ValidationError(
      `Addresses under ${rootHost()} are assigned by AgentCare; yours is ${own}.`,
      { domain: ["Not your organization's address."] },
      "invalid:domain",
    );
  }
  await assertFeature(tx, organization.id, "custom_domains");
}

/** Only a verified domain (or the organization's own address, verified at creation) may become primary. */
function assertVerified(organization: Organization, domain: OrganizationDomain): void {
  if (domain.domain === subdomainOf(organization.slug) || domain.verifiedAt) return;
  throw new ValidationError("Verify the domain before making it primary.", { domain: ["Not verified yet."] }, "invalid:domain_unverified");
}

export async function listDomains(scope: AdminScope): Promise<DomainListing[]> {
  const rows = await inTenant(scope, (tx) => organizationRepo(tx, scope.orgId).listDomains());
  return rows.map((d) => ({
    id: d.id,
    domain: d.domain,
    isPrimary: d.isPrimary,
    verifiedAt: d.verifiedAt,
    createdAt: d.createdAt,
    verification: proofOf(d),
  }));
}

/**
 * The organization's own subdomain, or a custom domain (plan permitting) filed unverified with
 * its TXT record. Adding a domain the organization already has returns it; `isPrimary` makes it
 * primary, which only a verified domain may become.
 */
export async function addDomain(scope: AdminScope, { domain, isPrimary = false }: AddDomainInput): Promise<DomainRecord> {
  return inTenant(scope, async (tx) => {
    const repo = organizationRepo(tx, scope.orgId);
    const organization = await repo.get();
    await assertMayUse(tx, organization, domain);
    let row = (await repo.findDomainByName({ domain })) ?? (await repo.addDomain({ domain }));
    if (isPrimary && !row.isPrimary) {
      assertVerified(organization, row);
      await repo.setPrimaryDomain({ id: row.id });
      row = { ...row, isPrimary: true };
    }
    return { ...row, verification: proofOf(row) };
  });
}

/** Makes a verified domain the primary one (the previous primary steps down). */
export async function makeDomainPrimary(scope: AdminScope, domainId: string): Promise<OrganizationDomain> {
  return inTenant(scope, async (tx) => {
    const repo = organizationRepo(tx, scope.orgId);
    const organization = await repo.get();
    const domain = await repo.findDomain({ id: domainId });
    if (!domain) throw new NotFoundError("domain");
    if (domain.isPrimary) return domain;
    await assertMayUse(tx, organization, domain.domain);
    assertVerified(organization, domain);
    await repo.setPrimaryDomain({ id: domain.id });
    return { ...domain, isPrimary: true };
  });
}

/**
 * Checks the domain's DNS TXT record and, when it is there, marks the domain verified — from then
 * on it routes. Read, then resolve, then write: no transaction of the service's is open while DNS
 * answers, and the write is the platform's (the tenant role can never verify a domain). A domain
 * another organization has already verified stays theirs (409).
 */
export async function verifyDomain(
  scope: AdminScope,
  domainId: string,
  resolver: TxtResolver = dnsResolver(),
): Promise<OrganizationDomain> {
  const domain = await inTenant(scope, (tx) => organizationRepo(tx, scope.orgId).findDomain({ id: domainId }));
  if (!domain) throw new NotFoundError("domain");
  if (domain.verifiedAt) return domain;
  const record = verificationRecord(domain.domain, domain.verificationToken);
  const answers = await resolver(record.name).catch((): string[][] => []);
  if (!answers.some((chunks) => chunks.join("") === record.value)) {
    throw new ValidationError(
      `We could not find the TXT record ${record.name} with the value ${record.value} yet. DNS changes can take a while; try again later.`,
      undefined,
      "invalid:domain_unverified",
    );
  }
  const updated = await withPlatform((tx) => platformOrganizations(tx).markDomainVerified({ organizationId: scope.orgId, id: domain.id }));
  if (!updated) throw new NotFoundError("domain");
  await invalidateTenantLookups("org-by-domain");
  return updated;
}

/** Removes a domain; it stops routing at once. The own address and the primary domain stay. */
export async function removeDomain(scope: AdminScope, domainId: string): Promise<void> {
  await inTenant(scope, async (tx) => {
    const repo = organizationRepo(tx, scope.orgId);
    const organization = await repo.get();
    const domain = await repo.findDomain({ id: domainId });
    if (!domain) throw new NotFoundError("domain");
    if (domain.domain === subdomainOf(organization.slug)) {
      throw new ConflictError("domain", "The organization's own AgentCare address cannot be removed.");
    }
    if (domain.isPrimary) throw new ConflictError("primary_domain", "Make another domain primary before removing this one.");
    await repo.removeDomain({ id: domain.id });
  });
  await invalidateTenantLookups("org-by-domain");
}

// ───────────── plan and usage ─────────────

export type UsageSummary = Awaited<ReturnType<typeof usageReport>> & { subscriptionStatus: Organization["subscriptionStatus"] };

/** The plan, its limits, this month's usage and the subscription's standing. */
export async function getUsage(scope: AdminScope): Promise<UsageSummary> {
  return inTenant(scope, async (tx) => {
    const organization = await organizationRepo(tx, scope.orgId).get();
    return { ...(await usageReport(tx, scope.orgId)), subscriptionStatus: organization.subscriptionStatus };
  });
}
