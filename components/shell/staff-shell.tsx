"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { BrandMark } from "./brand-mark";
import { visibleNavItems } from "./nav-items";
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
  const pathname = usePathname();
  const items = visibleNavItems(tenant.permissions);
  const navRef = useRef<HTMLElement>(null);
  // On phones the navigation scrolls sideways: keep the current page's entry in view.
  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    nav.scrollLeft = active.offsetLeft - nav.clientWidth / 2 + active.offsetWidth / 2;
  }, [pathname]);

  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href={href("/dashboard")} className="flex items-center gap-2">
            <BrandMark branding={tenant.branding} />
            <span className="font-semibold">{tenant.branding.displayName}</span>
          </Link>
          <nav
            ref={navRef}
            aria-label="Main"
            className="relative order-3 flex min-w-0 basis-full items-center gap-1 overflow-x-auto md:order-none md:basis-auto md:flex-1"
          >
            {items.map((item) => {
              const target = href(item.href);
              const active = pathname === target || pathname.startsWith(`${target}/`);
              return (
                <Link
                  key={item.href}
                  href={target}
                  aria-current={active ? "page" : undefined}
                  className={`whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${
                    active ? "bg-[var(--brand-primary)]/10 text-[var(--brand-primary)]" : "text-slate-600 hover:bg-slate-100"
                  }`}
                >
                  {item.label}
                </Link>
              );
            })}
          </nav>
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
