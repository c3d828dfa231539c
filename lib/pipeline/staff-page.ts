import "server-only";
import type { Session } from "next-auth";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getSession } from "@/lib/auth/session";
import type { Membership } from "@/lib/db/schema";
import { NotAMemberError } from "@/lib/security/errors";
import { tenantHref } from "@/lib/tenancy/href";
import type { Permission } from "@/lib/tenancy/permissions";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { actorOf, type Caller } from "./authenticate";
import { MFA_ENROLMENT_PATH } from "@/lib/auth/mfa-path";
import { signInHref } from "@/lib/auth/next-path";
import { MfaRequiredError, MissingPermissionError, SsoRequiredError } from "./authorize";
import { basePathFor, getPublicTenant, redirectOffCustomDomain, type PublicTenant } from "./public-page";
import { auditRequestOf } from "./request";
import { describeFailure } from "./respond";
import { runAsMember } from "./run-in-tenant";

export type StaffAccess =
  | { status: "not_found" }
  | { status: "suspended"; tenant: PublicTenant }
  | { status: "signed_out"; tenant: PublicTenant }
  // The organization requires its single sign-on and this session came another way.
  | { status: "sso_required"; tenant: PublicTenant }
  | { status: "forbidden"; tenant: PublicTenant; session: Session }
  // The organization requires two-factor authentication and this member has not turned it on.
  | {
      status: "mfa_required";
      tenant: PublicTenant;
      session: Session;
      membership: Pick<Membership, "role">;
      permissions: readonly Permission[];
    }
  | { status: "ok"; tenant: PublicTenant; session: Session; membership: Pick<Membership, "role">; permissions: readonly Permission[] };

/**
 * Staff pages: resolve tenant → authenticate (session) → authorize (active membership; a signed-in
 * non-member is a security event). Memoised per request, so the layout and the page share it.
 */
export const getStaffAccess = cache(async (paramKey: string): Promise<StaffAccess> => {
  const tenant = await getPublicTenant(paramKey);
  if (!tenant) return { status: "not_found" };
  if (tenant.organization.status !== "active") return { status: "suspended", tenant };
  const session = await getSession();
  if (!session) return { status: "signed_out", tenant };
  const caller: Caller = {
    kind: "user",
    userId: session.user.id,
    email: session.user.email ?? null,
    name: session.user.name ?? null,
    ssoOrganizationId: session.ssoOrganizationId ?? null,
  };
  try {
    const { role, permissions } = await runAsMember(
      { orgId: tenant.organization.id, actor: actorOf(caller), permission: null, request: auditRequestOf(tenant.request) },
      async (ctx) => ({ role: ctx.role, permissions: ctx.permissions }),
    );
    return { status: "ok", tenant, session, membership: { role }, permissions };
  } catch (err) {
    if (err instanceof SsoRequiredError) return { status: "sso_required", tenant };
    if (err instanceof MfaRequiredError)
      return { status: "mfa_required", tenant, session, membership: { role: err.role }, permissions: [] };
    if (!(err instanceof NotAMemberError)) throw err;
    await describeFailure(err, tenant.request, caller, "page");
    return { status: "forbidden", tenant, session };
  }
});

function isEnrolmentPage(path: string | null): boolean {
  return Boolean(path && path.replace(/\/+$/, "").endsWith(MFA_ENROLMENT_PATH));
}

/**
 * The access check every staff layout and page starts with: 404, sign-in, 403 or the access. A
 * member who still has to turn on two-factor authentication is sent to the enrolment page, the
 * only staff page they can open (its status stays "mfa_required", with no permissions).
 */
export async function requireStaff(paramKey: string) {
  const access = await getStaffAccess(paramKey);
  if (access.status === "not_found") notFound();
  const { request, organization } = access.tenant;
  redirectOffCustomDomain(access.tenant, request.path ?? "/dashboard");
  switch (access.status) {
    case "signed_out": {
      // Back to this page after signing in (the sign-in page checks the address again).
      const base = basePathFor(request, organization.slug);
      const asked = request.path ? `${request.path}${request.search ?? ""}` : null;
      redirect(signInHref(tenantHref(base, "/sign-in"), asked, tenantHref(base, "/dashboard")));
    }
    case "sso_required": {
      const base = basePathFor(request, organization.slug);
      const asked = request.path ? `${request.path}${request.search ?? ""}` : null;
      const href = signInHref(tenantHref(base, "/sign-in"), asked, tenantHref(base, "/dashboard"));
      redirect(`${href}${href.includes("?") ? "&" : "?"}sso=required`);
    }
    case "forbidden":
      forbidden();
    case "mfa_required":
      if (!isEnrolmentPage(request.path)) redirect(tenantHref(basePathFor(request, organization.slug), MFA_ENROLMENT_PATH));
      return access;
    default:
      return access;
  }
}

/**
 * A staff page's data: the access check, then one tenant transaction with the permission checked
 * (403 page without it) and the reads audited.
 */
export async function loadAsStaff<T>(
  paramKey: string,
  permission: Permission | null,
  load: (ctx: MemberContext) => Promise<T>,
): Promise<T> {
  const access = await requireStaff(paramKey);
  if (access.status !== "ok") notFound();
  const { session, tenant } = access;
  try {
    return await runAsMember(
      {
        orgId: tenant.organization.id,
        actor: { type: "user", userId: session.user.id, email: session.user.email, name: session.user.name },
        permission,
        request: auditRequestOf(tenant.request),
      },
      load,
    );
  } catch (err) {
    if (err instanceof MissingPermissionError) forbidden();
    throw err;
  }
}
