"use client";

import Link from "next/link";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { BrandMark } from "./brand-mark";
import { NAV_ITEMS } from "./nav-items";
import { NavLinks } from "./nav-links";
import { OrgSwitcher, type SwitcherMembership } from "./org-switcher";
import { UserMenu } from "./user-menu";

export function StaffShell({
  user,
  memberships,
  banner,
  children,
}: {
  user: { name: string; email: string };
  memberships: SwitcherMembership[];
  rootDomain: string;
  /** A notice for everyone in the organization (subscription past due), under the header. */
  banner?: React.ReactNode;
  children: React.ReactNode;
}) {
  const tenant = useTenant();
  const href = useTenantHref();

  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href={href("/dashboard")} className="flex items-center gap-2">
            <BrandMark branding={tenant.branding} />
            <span className="font-semibold">{tenant.branding.displayName}</span>
          </Link>
          <NavLinks
            label="Main"
            items={NAV_ITEMS}
            className="order-3 min-w-0 basis-full md:order-none md:basis-auto md:flex-1"
            listClassName="items-center"
          />
          <div className="ml-auto flex items-center gap-3">
            <OrgSwitcher memberships={memberships} currentOrganizationId={tenant.organization.id} />
            <UserMenu name={user.name} email={user.email} role={tenant.role} />
          </div>
        </div>
      </header>
      {banner}
      <div className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</div>
    </div>
  );
}
