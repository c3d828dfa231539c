import { describe, expect, it } from "vitest";
import { addressedTenantKey, organizationRefusal } from "./resolve-tenant";

describe("addressedTenantKey", () => {
  it("takes the host's key before any path", () => {
    expect(addressedTenantKey({ hostClass: { kind: "tenant", slug: "metro" }, pathTenant: "sunset" }, true)).toBe("metro");
    expect(addressedTenantKey({ hostClass: { kind: "custom", hostname: "book.metro.org" }, pathTenant: null }, true)).toBe(
      "book.metro.org",
    );
  });

  it("reads /org/{slug} only on the root domain", () => {
    expect(addressedTenantKey({ hostClass: { kind: "root" }, pathTenant: "sunset" }, true)).toBe("sunset");
    expect(addressedTenantKey({ hostClass: { kind: "root" }, pathTenant: null }, true)).toBeNull();
    expect(addressedTenantKey({ hostClass: { kind: "invalid", reason: "x" }, pathTenant: "sunset" }, true)).toBeNull();
  });

  it("serves everything as the default organization when multi-tenancy is off", () => {
    expect(addressedTenantKey({ hostClass: { kind: "tenant", slug: "metro" }, pathTenant: null }, false)).toBe("default");
  });
});

describe("organizationRefusal", () => {
  const active = { status: "active", subscriptionStatus: "active" } as const;
  const suspended = { status: "suspended", subscriptionStatus: "active" } as const;
  const cancelled = { status: "active", subscriptionStatus: "cancelled" } as const;
  const pastDue = { status: "active", subscriptionStatus: "past_due" } as const;

  it("serves an active organization, and one whose payment is late, to everyone", () => {
    for (const audience of ["members", "public", "administration"] as const) {
      expect(organizationRefusal(active, audience)).toBeNull();
      expect(organizationRefusal(pastDue, audience)).toBeNull();
    }
  });

  it("closes a suspended organization to members and the public, with words for each", () => {
    expect(organizationRefusal(suspended, "members")).toMatchObject({ code: "forbidden:organization_suspended", status: 403 });
    expect(organizationRefusal(suspended, "public")?.message).toBe("This organization is not available.");
  });

  it("closes a cancelled subscription to members and the public", () => {
    expect(organizationRefusal(cancelled, "members")).toMatchObject({ code: "forbidden:subscription_cancelled", status: 403 });
    expect(organizationRefusal(cancelled, "public")?.message).toMatch(/online services are not available/);
  });

  it("keeps administration open so the account can be put right", () => {
    expect(organizationRefusal(suspended, "administration")).toBeNull();
    expect(organizationRefusal(cancelled, "administration")).toBeNull();
  });
});
