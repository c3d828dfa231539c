import { describe, expect, it } from "vitest";
import { hasPermission, permissionsFor, PERMISSIONS } from "./permissions";

describe("role permissions", () => {
  it("owners can do everything", () => {
    for (const p of PERMISSIONS) expect(hasPermission("owner", p)).toBe(true);
  });

  it("admins manage the organization but not billing", () => {
    expect(hasPermission("admin", "settings:manage")).toBe(true);
    expect(hasPermission("admin", "members:manage")).toBe(true);
    expect(hasPermission("admin", "audit:read")).toBe(true);
    expect(hasPermission("admin", "billing:manage")).toBe(false);
    expect(hasPermission("admin", "reports:read")).toBe(true);
  });

  it("clinicians work with patients and appointments, never settings, members or the audit log", () => {
    expect(hasPermission("clinician", "patients:read")).toBe(true);
    expect(hasPermission("clinician", "appointments:write")).toBe(true);
    expect(hasPermission("clinician", "schedule:own")).toBe(true);
    for (const p of [
      "settings:manage",
      "members:manage",
      "audit:read",
      "billing:manage",
      "providers:manage",
      "api_keys:manage",
      "reports:read",
    ] as const) {
      expect(hasPermission("clinician", p)).toBe(false);
    }
  });

  it("front-desk staff book and register but manage nothing", () => {
    expect(hasPermission("staff", "appointments:write")).toBe(true);
    expect(hasPermission("staff", "patients:write")).toBe(true);
    expect(hasPermission("staff", "providers:manage")).toBe(false);
    expect(hasPermission("staff", "settings:manage")).toBe(false);
    expect(hasPermission("staff", "reports:read")).toBe(false);
  });

  it("no role means no permission", () => {
    expect(hasPermission(null, "appointments:read")).toBe(false);
    expect(hasPermission(undefined, "patients:read")).toBe(false);
  });

  it("every role's list only names known permissions", () => {
    for (const role of ["owner", "admin", "clinician", "staff"] as const) {
      for (const p of permissionsFor(role)) expect(PERMISSIONS).toContain(p);
    }
  });
});
