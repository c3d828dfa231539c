import type { MemberRole } from "@/lib/db/schema/enums";

// Pure and client-safe: the staff shell filters navigation with the same table the server enforces.
export const PERMISSIONS = [
  "appointments:read",
  "appointments:write",
  "patients:read",
  "patients:write",
  "providers:read",
  "providers:manage",
  "schedule:own",
  "settings:manage",
  "members:manage",
  "audit:read",
  "billing:manage",
  "api_keys:manage",
  "reports:read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Record<MemberRole, readonly Permission[]> = {
  owner: ALL,
  admin: ALL.filter((p) => p !== "billing:manage"),
  clinician: ["appointments:read", "appointments:write", "patients:read", "patients:write", "providers:read", "schedule:own"],
  staff: ["appointments:read", "appointments:write", "patients:read", "patients:write", "providers:read"],
};

export function permissionsFor(role: MemberRole): readonly Permission[] {
  return ROLE_PERMISSIONS[role] ?? [];
}

export function hasPermission(role: MemberRole | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return permissionsFor(role).includes(permission);
}

export const ROLE_LABELS: Record<MemberRole, string> = {
  owner: "Owner",
  admin: "Administrator",
  clinician: "Clinician",
  staff: "Front desk",
};
