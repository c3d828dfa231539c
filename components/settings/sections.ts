import type { NavItem } from "@/components/shell/nav-items";

// The admin console's pages; each shows only to roles with its permission (the pages re-check).
export const SETTINGS_SECTIONS: NavItem[] = [
  { href: "/settings", label: "General", permission: "settings:manage", exact: true },
  { href: "/settings/scheduling", label: "Scheduling", permission: "settings:manage" },
  { href: "/settings/locations", label: "Locations", permission: "settings:manage" },
  { href: "/settings/sms", label: "Text messages", permission: "settings:manage" },
  { href: "/settings/sso", label: "Single sign-on", permission: "settings:manage" },
  { href: "/settings/branding", label: "Branding", permission: "settings:manage" },
  { href: "/settings/domains", label: "Domains", permission: "settings:manage" },
  { href: "/settings/members", label: "Members", permission: "members:manage" },
  { href: "/settings/api-keys", label: "API keys", permission: "api_keys:manage" },
  { href: "/settings/webhooks", label: "Webhooks", permission: "settings:manage" },
  { href: "/settings/usage", label: "Plan & usage", permission: "settings:manage" },
  { href: "/settings/audit", label: "Audit log", permission: "audit:read" },
];
