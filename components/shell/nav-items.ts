import type { Permission } from "@/lib/tenancy/permissions";

export type NavItem = { href: string; label: string; permission: Permission | null };

// Only pages that exist are listed; each shows only to roles with its permission.
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", permission: null },
  { href: "/schedule", label: "Schedule", permission: "appointments:read" },
  { href: "/patients", label: "Patients", permission: "patients:read" },
  { href: "/providers", label: "Providers", permission: "providers:read" },
  { href: "/appointment-types", label: "Appointment types", permission: "appointments:read" },
  { href: "/outbox", label: "Outbox", permission: "settings:manage" },
  { href: "/settings", label: "Settings", permission: "settings:manage" },
];

export function visibleNavItems(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.permission === null || permissions.includes(item.permission));
}
