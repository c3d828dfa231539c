"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { isCurrentPage, visibleNavItems, type NavItem } from "./nav-items";

/**
 * A navigation's links, each shown only to roles with its permission; the current page's is marked.
 * In a row that is too narrow the links scroll sideways and the current one is kept in view; `vertical`
 * stacks them (the phone menu). Nothing when no link is visible.
 */
export function NavLinks({
  label,
  items,
  className,
  listClassName,
  vertical = false,
  id,
}: {
  label: string;
  items: readonly NavItem[];
  className: string;
  listClassName: string;
  vertical?: boolean;
  id?: string;
}) {
  const tenant = useTenant();
  const href = useTenantHref();
  const pathname = usePathname();
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    nav.scrollLeft = active.offsetLeft - nav.clientWidth / 2 + active.offsetWidth / 2;
  }, [pathname]);

  const visible = visibleNavItems(items, tenant.permissions);
  if (visible.length === 0) return null;
  return (
    <nav ref={navRef} id={id} aria-label={label} className={`relative ${vertical ? "" : "overflow-x-auto"} ${className}`}>
      <ul className={`flex gap-1 ${vertical ? "flex-col" : ""} ${listClassName}`}>
        {visible.map((item) => {
          const target = href(item.href);
          const active = isCurrentPage(pathname, target, item.exact);
          return (
            <li key={item.href}>
              <Link
                href={target}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md font-medium ${vertical ? "px-3 py-2.5 text-base" : "px-2 py-1.5 text-sm"} ${
                  active ? "bg-[var(--brand-primary)]" : "text-slate-700 hover:bg-slate-100"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
