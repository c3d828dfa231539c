import type { Permission } from "@/lib/tenancy/permissions";

export type NavItem = { href: string; label: string; permission: Permission | null };

// Only pages that exist are listed; each shows only to roles with its permission.
export const NAV_ITEMS: NavItem[] = [{ href: "/dashboard", label: "Dashboard", permission: null }];

export function visibleNavItems(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.permission === null || permissions.includes(item.permission));
}
