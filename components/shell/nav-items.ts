import type { Permission } from "@/lib/tenancy/permissions";

/** A navigation link: `href` within the organization; `exact`: current only on that page, not below it. */
export type NavItem = { href: string; label: string; permission: Permission | null; exact?: boolean };

// Only pages that exist are listed; each shows only to roles with its permission.
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", permission: null },
  { href: "/schedule", label: "Schedule", permission: "appointments:read" },
  { href: "/patients", label: "Patients", permission: "patients:read" },
  { href: "/waitlist", label: "Waiting list", permission: "patients:read" },
  { href: "/providers", label: "Providers", permission: "providers:read" },
  { href: "/appointment-types", label: "Appointment types", permission: "appointments:read" },
  { href: "/reports", label: "Reports", permission: "reports:read" },
  { href: "/outbox", label: "Outbox", permission: "settings:manage" },
  { href: "/settings", label: "Settings", permission: "settings:manage" },
];

export function visibleNavItems(items: readonly NavItem[], permissions: readonly Permission[]): NavItem[] {
  return items.filter((item) => item.permission === null || permissions.includes(item.permission));
}

/** `pathname` is the item's page (`target`: its address on this site) or, unless the item is exact, a page below it. */
export function isCurrentPage(pathname: string, target: string, exact = false): boolean {
  return pathname === target || (!exact && pathname.startsWith(`${target}/`));
}
