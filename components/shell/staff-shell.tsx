"use client";

import Link from "next/link";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { BrandMark } from "./brand-mark";
import { NAV_ITEMS } from "./nav-items";
import { NavLinks } from "./nav-links";
import { OrgSwitcher, type SwitcherMembership } from "./org-switcher";
import { PhoneMenu } from "./phone-menu";
import { UserMenu } from "./user-menu";

/** The id of every staff page's main region: the skip link's target. */
export const MAIN_ID = "main-content";

/**
 * Every staff page: a one-row header (brand, navigation, organization switcher, account menu; on a
 * phone the navigation and switcher sit under a Menu button), then the page in the `main` landmark.
 */
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
  const switcher = memberships.length > 1 ? <OrgSwitcher memberships={memberships} currentOrganizationId={tenant.organization.id} /> : null;

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href={`#${MAIN_ID}`}
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
      >
        Skip to content
      </a>
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-2.5 lg:gap-5">
          <Link href={href("/dashboard")} className="flex min-w-0 shrink items-center gap-2">
            <BrandMark branding={tenant.branding} />
            <span className="truncate font-semibold lg:max-w-[16rem]">{tenant.branding.displayName}</span>
          </Link>
          <NavLinks label="Main" items={NAV_ITEMS} className="hidden min-w-0 flex-1 sm:block" listClassName="items-center" />
          <div className="ml-auto flex shrink-0 items-center gap-2 sm:ml-0">
            {switcher && <div className="hidden sm:block">{switcher}</div>}
            <UserMenu name={user.name} email={user.email} role={tenant.role} />
            <PhoneMenu switcher={switcher} />
          </div>
        </div>
      </header>
      {banner}
      {/* A page that needs the whole screen (the schedule's week grid) marks its root with data-full-width. */}
      <main
        id={MAIN_ID}
        tabIndex={-1}
        className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none has-[[data-full-width]]:max-w-none"
      >
        {children}
      </main>
    </div>
  );
}
