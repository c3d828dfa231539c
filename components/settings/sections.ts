import type { Permission } from "@/lib/tenancy/permissions";

export type SettingsSection = { href: string; label: string; permission: Permission };

// The admin console's pages; each shows only to roles with its permission (the pages re-check).
export const SETTINGS_SECTIONS: SettingsSection[] = [
  { href: "/settings", label: "General", permission: "settings:manage" },
  { href: "/settings/scheduling", label: "Scheduling", permission: "settings:manage" },
  { href: "/settings/branding", label: "Branding", permission: "settings:manage" },
  { href: "/settings/domains", label: "Domains", permission: "settings:manage" },
  { href: "/settings/members", label: "Members", permission: "members:manage" },
  { href: "/settings/api-keys", label: "API keys", permission: "api_keys:manage" },
  { href: "/settings/usage", label: "Plan & usage", permission: "settings:manage" },
];
