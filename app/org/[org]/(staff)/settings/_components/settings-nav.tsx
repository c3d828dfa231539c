"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";

export function SettingsNav() {
  const tenant = useTenant();
  const href = useTenantHref();
  const pathname = usePathname();
  const navRef = useRef<HTMLElement>(null);
  // On phones the sections scroll sideways: keep the current one in view.
  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    nav.scrollLeft = active.offsetLeft - nav.clientWidth / 2 + active.offsetWidth / 2;
  }, [pathname]);
  const sections = SETTINGS_SECTIONS.filter((s) => tenant.permissions.includes(s.permission));
  if (sections.length === 0) return null;
  return (
    <nav ref={navRef} aria-label="Settings" className="relative -mx-4 overflow-x-auto px-4 md:mx-0 md:px-0">
      <ul className="flex gap-1 md:flex-col">
        {sections.map((section) => {
          const target = href(section.href);
          const active = section.href === "/settings" ? pathname === target : pathname === target || pathname.startsWith(`${target}/`);
          return (
            <li key={section.href}>
              <Link
                href={target}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${
                  active ? "bg-[var(--brand-primary)]/10 text-[var(--brand-primary)]" : "text-slate-600 hover:bg-slate-100"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
