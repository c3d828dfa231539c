"use client";

import { createContext, useContext } from "react";
import type { Permission } from "@/lib/tenancy/permissions";
import { tenantHref } from "@/lib/tenancy/href";

export type TenantValue = {
  organization: { id: string; name: string; slug: string; timeZone: string };
  branding: { displayName: string; logoUrl: string | null; primaryColor: string; accentColor: string };
  settings: { enableOnlineBooking: boolean; enableTelehealth: boolean; defaultAppointmentDuration: number };
  permissions: readonly Permission[];
  role: string | null;
  /** "" on the tenant's own host, "/org/{slug}" in path-based mode. */
  basePath: string;
};

const TenantContext = createContext<TenantValue | null>(null);

export function TenantProvider({ value, children }: { value: TenantValue; children: React.ReactNode }) {
  return <TenantContext.Provider value={value}>{children}</TenantContext.Provider>;
}

export function useTenant(): TenantValue {
  const value = useContext(TenantContext);
  if (!value) throw new Error("useTenant() outside <TenantProvider>");
  return value;
}

export function usePermission(permission: Permission): boolean {
  return useTenant().permissions.includes(permission);
}

export function useTenantHref(): (path: string) => string {
  const { basePath } = useTenant();
  return (path) => tenantHref(basePath, path);
}
