import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { basePathFor } from "./base-path";
import { getStaffAccess } from "./context";
import { runAsMember, type TenantContext } from "./guard";
import { redirectStaffOffCustomDomain } from "./staff-host";
import { tenantHref } from "./href";
import type { Permission } from "./permissions";

/** For staff pages: the access check (404 / sign-in / 403) and the page's data in one call. */
export async function requireStaff(paramKey: string) {
  const access = await getStaffAccess(paramKey);
  if (access.status !== "not_found") {
    await redirectStaffOffCustomDomain(access.tenant.request, access.tenant.organization.slug, access.tenant.request.path ?? "/dashboard");
  }
  switch (access.status) {
    case "not_found":
      notFound();
    case "signed_out":
      redirect(tenantHref(basePathFor(access.tenant.request, access.tenant.organization.slug), "/sign-in"));
    case "forbidden":
      forbidden();
    default:
      return access;
  }
}

/** Runs a server component's data loading through the same guarded pipeline as actions and routes. */
export async function loadAsStaff<T>(
  paramKey: string,
  permission: Permission | null,
  load: (ctx: TenantContext) => Promise<T>,
): Promise<T> {
  const access = await requireStaff(paramKey);
  if (access.status !== "ok") notFound();
  const request = access.tenant.request;
  return runAsMember(
    {
      orgId: access.tenant.organization.id,
      actor: { type: "user", userId: access.session.user.id, email: access.session.user.email, name: access.session.user.name },
      permission,
      request: { requestId: request.requestId, ip: request.ip, userAgent: request.userAgent },
    },
    load,
  );
}
