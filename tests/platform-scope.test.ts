import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformUsers } from "@/lib/users/platform-repository";
import { createWorld } from "./support/fixtures";

const DEFAULT_ORG = "00000000-0000-0000-0000-000000000000";

describe("the default organization (single-hospital mode)", () => {
  it("exists after migration with settings and branding", async () => {
    const org = await withPlatform((tx) => platformOrganizations(tx).findBySlug({ slug: "default" }));
    expect(org?.id).toBe(DEFAULT_ORG);
    const { settings, branding } = await withTenant(DEFAULT_ORG, async (tx) => ({
      settings: await organizationRepo(tx, DEFAULT_ORG).getSettings(),
      branding: await organizationRepo(tx, DEFAULT_ORG).getBranding(),
    }));
    expect(settings.defaultAppointmentDuration).toBe(30);
    expect(branding.displayName).toBe("Default Organization");
  });
});

describe("withPlatform", () => {
  it("cannot read tenant data", async () => {
    await createWorld("platform-scope");
    for (const table of ["patients", "providers", "appointments", "appointment_types", "audit_logs", "organization_settings"]) {
      await expect(withPlatform((tx) => tx.execute(sql.raw(`select count(*) from ${table}`)))).rejects.toMatchObject({
        cause: { code: "42501" },
      });
    }
  });

  it("reads a user's own memberships across organizations, and no one else's", async () => {
    const a = await createWorld("switch-a");
    const b = await createWorld("switch-b");
    const c = await createWorld("switch-c");
    const [alice, bob] = await withPlatform(async (tx) => [
      await platformUsers(tx).create({ input: { email: `alice-${a.orgId}@example.com`, name: "Alice" } }),
      await platformUsers(tx).create({ input: { email: `bob-${a.orgId}@example.com`, name: "Bob" } }),
    ]);
    await withTenant(a.orgId, (tx) => membershipsRepo(tx, a.orgId).add({ userId: alice!.id, role: "admin" }));
    await withTenant(b.orgId, (tx) => membershipsRepo(tx, b.orgId).add({ userId: alice!.id, role: "clinician" }));
    await withTenant(c.orgId, (tx) => membershipsRepo(tx, c.orgId).add({ userId: bob!.id, role: "owner" }));

    const own = await withPlatform((tx) => platformUsers(tx).listOwnMemberships({ userId: alice!.id }), {
      userId: alice!.id,
    });
    expect(own.map((m) => m.organizationId).sort()).toEqual([a.orgId, b.orgId].sort());

    // Asking for Bob's memberships while signed in as Alice shows nothing.
    const others = await withPlatform((tx) => platformUsers(tx).listOwnMemberships({ userId: bob!.id }), {
      userId: alice!.id,
    });
    expect(others).toEqual([]);

    // Without a user, the platform role sees no memberships at all.
    const none = await withPlatform((tx) => tx.execute(sql`select count(*)::int as n from memberships`));
    expect(none[0]).toMatchObject({ n: 0 });
  });

  it("a tenant sees its own organization row only", async () => {
    const a = await createWorld("own-row-a");
    const b = await createWorld("own-row-b");
    const rows = await withTenant(a.orgId, (tx) => tx.execute(sql`select id from organizations`));
    expect(rows.map((r) => r.id)).toEqual([a.orgId]);
    const updated = await withTenant(a.orgId, (tx) => tx.execute(sql`update organizations set name = 'hijacked' where id = ${b.orgId}`));
    expect(updated.count).toBe(0);
    await expect(
      withTenant(a.orgId, (tx) => tx.execute(sql`update organizations set plan = 'enterprise' where id = ${a.orgId}`)),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
  });
});
