import { E2E_PORT, ROOT } from "./hosts";

/** The single-tenant server (MULTI_TENANCY=false) runs beside the main one. */
export const SINGLE_TENANT_PORT = Number(process.env.E2E_SINGLE_TENANT_PORT ?? E2E_PORT + 1);
export const SINGLE_TENANT_ROOT = `agentcare.test:${SINGLE_TENANT_PORT}`;

export type DemoTenant = {
  slug: string;
  name: string;
  /** The seeded providers (lib/demo/data.ts): every appointment row must name one of these. */
  providers: readonly string[];
  mrnPrefix: string;
};

export const METRO: DemoTenant = {
  slug: "metro-general",
  name: "Metro General Hospital",
  providers: ["Dr. Emily Chen", "Dr. Daniel Okafor", "Dr. Maria Rossi", "Dr. Lan Nguyen"],
  mrnPrefix: "MG-",
};

export const SUNSET: DemoTenant = {
  slug: "sunset-clinic",
  name: "Sunset Clinic",
  providers: ["Dr. Priya Patel", "Dr. Luis Garcia", "Sarah Kim", "Dr. Jordan Lee"],
  mrnPrefix: "SC-",
};

/** The tenant's own subdomain, e.g. metro-general.agentcare.test:3210. */
export const hostOf = (tenant: DemoTenant | string, root = ROOT) => `${typeof tenant === "string" ? tenant : tenant.slug}.${root}`;

/** An absolute URL on the tenant's own subdomain. */
export const tenantUrl = (tenant: DemoTenant | string, path = "/", root = ROOT) => `http://${hostOf(tenant, root)}${path}`;

/** An absolute URL on the platform's root domain. */
export const rootUrl = (path = "/", root = ROOT) => `http://${root}${path}`;

/**
 * A Monday–Friday date the demo seed filled for both hospitals (it books the 7 days either side
 * of "today" in each hospital's zone): 2 to 6 days ago in UTC, so zone offsets cannot push it out.
 */
export function seededWeekday(now = new Date()): string {
  for (let back = 2; back <= 6; back++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - back));
    const dow = d.getUTCDay();
    if (dow >= 1 && dow <= 5) return d.toISOString().slice(0, 10);
  }
  throw new Error("unreachable: five consecutive days always hold a weekday");
}
