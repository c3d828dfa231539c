import "server-only";
import type { Session } from "next-auth";
import { cache } from "react";
import { getSession } from "@/lib/auth/session";
import type { Membership, Organization, OrganizationBranding, OrganizationSettings } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { recordSecurityEvent } from "@/lib/security/events";
import { permissionsFor, type Permission } from "./permissions";
import { allowedTenantKey, requestInfo, type RequestInfo } from "./request";
import { resolveTenant } from "@/lib/organizations/lookup";

export type PublicTenant = {
  organization: Organization;
  branding: OrganizationBranding;
  settings: OrganizationSettings;
  request: RequestInfo;
};

/** The organization this request is for, with its public face; null → 404. Once per request. */
export const getPublicTenant = cache(async (paramKey: string): Promise<PublicTenant | null> => {
  const request = await requestInfo();
  const key = allowedTenantKey(request, decodeURIComponent(paramKey));
  if (!key) return null;
  const organization = await resolveTenant(key, request.host);
  if (!organization) return null;
  const { branding, settings } = await withTenant(organization.id, async (tx) => {
    const repo = organizationRepo(tx, organization.id);
    return { branding: await repo.getBranding(), settings: await repo.getSettings() };
  });
  return { organization, branding, settings, request };
});

export type StaffAccess =
  | { status: "not_found" }
  | { status: "suspended"; tenant: PublicTenant }
  | { status: "signed_out"; tenant: PublicTenant }
  | { status: "forbidden"; tenant: PublicTenant; session: Session }
  | {
      status: "ok";
      tenant: PublicTenant;
      session: Session;
      membership: Membership;
      permissions: readonly Permission[];
    };

/**
 * Tenant + session + membership → what this person may do here. A signed-in non-member gets
 * "forbidden", recorded as a security event. Memoised per request.
 */
export const getStaffAccess = cache(async (paramKey: string): Promise<StaffAccess> => {
  const tenant = await getPublicTenant(paramKey);
  if (!tenant) return { status: "not_found" };
  if (tenant.organization.status !== "active") return { status: "suspended", tenant };
  const session = await getSession();
  if (!session) return { status: "signed_out", tenant };
  const orgId = tenant.organization.id;
  const membership = await withTenant(orgId, (tx) => membershipsRepo(tx, orgId).findByUser({ userId: session.user.id }), {
    userId: session.user.id,
  });
  if (!membership || membership.status !== "active") {
    await recordSecurityEvent({
      kind: "cross_tenant_access",
      userId: session.user.id,
      attemptedOrganizationId: orgId,
      host: tenant.request.host,
      path: tenant.request.path,
      ip: tenant.request.ip,
      userAgent: tenant.request.userAgent,
      requestId: tenant.request.requestId,
      metadata: { membershipStatus: membership?.status ?? null },
    });
    return { status: "forbidden", tenant, session };
  }
  return { status: "ok", tenant, session, membership, permissions: permissionsFor(membership.role) };
});
