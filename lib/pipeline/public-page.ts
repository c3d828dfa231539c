import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { config } from "@/lib/config/env";
import type { Organization, OrganizationBranding, OrganizationSettings } from "@/lib/db/schema";
import { AppError, NotFoundError } from "@/lib/errors/app-error";
import { publicFace } from "@/lib/organizations/public-face";
import { organizationUrl } from "@/lib/tenancy/href";
import { notePageRequest } from "./observe";
import { readRequest, type RequestFacts } from "./request";
import { resolveTenant } from "./resolve-tenant";

export type PublicTenant = {
  organization: Organization;
  branding: OrganizationBranding;
  settings: OrganizationSettings;
  request: RequestFacts;
};

/**
 * Tenant pages (app/org/[org]/…): resolve tenant (the `[org]` segment must be the organization the
 * address names) and its public face — branding and settings, nothing else. Null → 404. Once per
 * request.
 */
export const getPublicTenant = cache(async (paramKey: string): Promise<PublicTenant | null> => {
  const request = await readRequest();
  let organization: Organization;
  try {
    organization = await resolveTenant(request, { paramKey });
  } catch (err) {
    if (err instanceof NotFoundError) {
      notePageRequest(request, null, 404);
      return null;
    }
    throw err;
  }
  notePageRequest(request, organization.id, 200);
  const { branding, settings } = await publicFace(organization.id);
  return { organization, branding, settings, request };
});

/** "" on a tenant's own host; "/org/{slug}" when the tenant is addressed by path on the root domain. */
export function basePathFor(request: Pick<RequestFacts, "hostClass">, slug: string): string {
  return request.hostClass.kind === "root" ? `/org/${slug}` : "";
}

/**
 * Custom domains serve the public pages only: the session cookie lives on the platform's domain,
 * so pages that need it (staff pages, sign-in, invitations) send the browser to the
 * organization's own subdomain.
 */
export function redirectOffCustomDomain(tenant: PublicTenant, path: string): void {
  if (tenant.request.hostClass.kind !== "custom") return;
  redirect(organizationUrl({ slug: tenant.organization.slug, rootDomain: config().rootDomain, protocol: tenant.request.protocol, path }));
}

/**
 * The organization the current address names (its subdomain, a verified custom domain or a
 * `/org/{slug}` path), with its public face; null on the platform's own pages or for an address that
 * names no organization. For pages rendered outside the `[org]` segment: the branded 404.
 */
export const getAddressedTenant = cache(async (): Promise<PublicTenant | null> => {
  const request = await readRequest();
  let organization: Organization;
  try {
    organization = await resolveTenant(request);
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
  if (organization.status !== "active") return null;
  const { branding, settings } = await publicFace(organization.id);
  return { organization, branding, settings, request };
});
