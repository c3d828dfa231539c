import "server-only";
import { config } from "@/lib/config/env";
import type { Organization } from "@/lib/db/schema";
import { isUuid } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError, ValidationError, type AppError } from "@/lib/errors/app-error";
import { findOrganization, findOrganizationById } from "@/lib/organizations/lookup";
import { OrganizationMismatchError } from "@/lib/security/errors";
import { DEFAULT_ORGANIZATION_SLUG } from "@/lib/tenancy/default-organization";
import { tenantKeyFor } from "@/lib/tenancy/host";
import type { RequestFacts } from "./request";
import { raiseAlert } from "@/lib/security/alerts";

/**
 * The tenant key a request's address names: the host's (tenant subdomain or custom domain), else
 * a `/org/{slug}` path on the root domain; the default organization when multi-tenancy is off.
 * Pure. Null: the address names no tenant.
 */
export function addressedTenantKey(facts: Pick<RequestFacts, "hostClass" | "pathTenant">, multiTenancy: boolean): string | null {
  if (!multiTenancy) return DEFAULT_ORGANIZATION_SLUG;
  return tenantKeyFor(facts.hostClass) ?? (facts.hostClass.kind === "root" ? facts.pathTenant : null);
}

export type TenantSources = {
  /** The `[org]` segment a page was rendered for: it must be the addressed tenant. */
  paramKey?: string;
  /** API clients may name the organization with X-Organization-ID (a selector only). */
  selector?: boolean;
  /** An API key names its organization; used when nothing else does. */
  apiKeyOrgId?: string | null;
};

/**
 * The one tenant resolution: address (host, custom domain, `/org/{slug}` path), then the
 * X-Organization-ID selector, then an API key's organization. Unknown → 404, never another tenant;
 * a selector that disagrees with the address → 403 and a security event.
 */
export async function resolveTenant(facts: RequestFacts, sources: TenantSources = {}): Promise<Organization> {
  const addressed = addressedTenantKey(facts, config().multiTenancy);
  if (sources.paramKey !== undefined && (!addressed || addressed !== safeDecode(sources.paramKey).toLowerCase())) {
    throw new NotFoundError("organization");
  }
  const selector = sources.selector ? facts.organizationSelector : null;
  if (selector && !isUuid(selector)) {
    throw new ValidationError("X-Organization-ID must be an organization id (UUID).", undefined, "invalid:organization");
  }
  let organization: Organization | null;
  if (addressed) {
    organization = await findOrganization(addressed, facts.host);
    if (!organization) {
      resolutionFailed(addressed.includes(".") ? "unknown or unverified domain" : "unknown organization", facts);
      throw new NotFoundError("organization");
    }
    if (selector && selector.toLowerCase() !== organization.id) throw new OrganizationMismatchError(selector, organization.id);
  } else if (selector) {
    organization = await findOrganizationById(selector.toLowerCase());
  } else if (sources.apiKeyOrgId) {
    organization = await findOrganizationById(sources.apiKeyOrgId);
  } else {
    throw new ValidationError(
      "Say which organization this is for: use its own address, /org/{slug}/api/…, or the X-Organization-ID header.",
      undefined,
      "organization_required",
    );
  }
  if (!organization) {
    resolutionFailed("unknown organization id", facts);
    throw new NotFoundError("organization");
  }
  return organization;
}

/** A tenant that could not be resolved, for the operators' alerts (counted, digested). */
function resolutionFailed(reason: string, facts: Pick<RequestFacts, "requestId">, organizationId: string | null = null): void {
  raiseAlert({ kind: "tenant_resolution_failed", reason, organizationId, requestId: facts.requestId });
}

/** `/api/v1/organizations/{id}/…`: the organization named in the path. */
export async function resolveTenantById(id: string | undefined): Promise<Organization> {
  const organization = id && isUuid(id) ? await findOrganizationById(id.toLowerCase()) : null;
  if (!organization) throw new NotFoundError("organization");
  return organization;
}

/** Who is asking decides what a suspended or cancelled organization still serves. */
export type Audience = "members" | "public" | "administration";

/** The one policy for suspended organizations and cancelled subscriptions. Pure. */
export function organizationRefusal(
  organization: Pick<Organization, "status" | "subscriptionStatus">,
  audience: Audience,
): AppError | null {
  // Administration (operators, the organization's own admins) stays open so the account can be fixed.
  if (audience === "administration") return null;
  if (organization.status !== "active") {
    return new ForbiddenError(
      audience === "public" ? "This organization is not available." : "This organization's account is suspended.",
      "forbidden:organization_suspended",
    );
  }
  if (organization.subscriptionStatus === "cancelled") {
    return new ForbiddenError(
      audience === "public"
        ? "This organization's online services are not available."
        : "This organization's AgentCare subscription is cancelled.",
      "forbidden:subscription_cancelled",
    );
  }
  return null;
}

export function assertServes(organization: Organization, audience: Audience): Organization {
  const refusal = organizationRefusal(organization, audience);
  if (refusal) {
    if (organization.status !== "active") {
      raiseAlert({ kind: "tenant_resolution_failed", reason: "organization suspended", organizationId: organization.id });
    }
    throw refusal;
  }
  return organization;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
}
