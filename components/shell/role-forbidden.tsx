"use client";

import Link from "next/link";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { NAV_ITEMS, visibleNavItems } from "./nav-items";

const ROLE_LABELS: Record<string, string> = { owner: "Owner", admin: "Administrator", clinician: "Clinician", staff: "Front desk" };

/**
 * A member whose role does not include a page's permission: a calm note inside the staff shell, with
 * the pages the role can open. Not a security matter (the refusal is in the audit trail).
 */
export function RoleForbidden() {
  const tenant = useTenant();
  const href = useTenantHref();
  const pages = visibleNavItems(NAV_ITEMS, tenant.permissions);
  const role = tenant.role ? (ROLE_LABELS[tenant.role] ?? tenant.role) : null;
  return (
    <section aria-labelledby="role-forbidden-heading" className="mx-auto flex max-w-xl flex-col items-start gap-3 py-10">
      <title>{`Not available for your role · ${tenant.branding.displayName}`}</title>
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">Not available for your role</p>
      <h1 id="role-forbidden-heading" className="text-2xl font-semibold">
        Your role can&apos;t open this page
      </h1>
      <p className="text-slate-700">
        {role ? `As ${/^[AEIOU]/.test(role) ? "an" : "a"} ${role} at ${tenant.branding.displayName}` : `At ${tenant.branding.displayName}`},
        you don&apos;t have access to this page. If you need it for your work, ask one of your organization&apos;s administrators.
      </p>
      <Link href={href("/dashboard")} className="rounded-md bg-[var(--brand-primary)] px-4 py-2 text-sm font-medium hover:opacity-90">
        Go to the dashboard
      </Link>
      {pages.length > 1 && (
        <nav aria-label="Pages you can open" className="text-sm">
          <p className="text-slate-700">Or open:</p>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {pages
              .filter((p) => p.href !== "/dashboard")
              .map((p) => (
                <li key={p.href}>
                  <Link href={href(p.href)} className="font-medium text-slate-900 underline underline-offset-2">
                    {p.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      )}
    </section>
  );
}
