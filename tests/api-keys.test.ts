import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/service";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { organizations } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { createOrganization } from "./support/fixtures";

describe("organization API keys", () => {
  it("authenticate for their own organization only, are stored hashed, and stop at once when revoked", async () => {
    const org = await createOrganization("keys");
    const { key, token } = await withTenant(org.id, (tx) => createApiKey(tx, org.id, { name: "EHR sync", role: "staff", createdBy: null }));
    expect(token).toMatch(/^ac_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(key.display).not.toContain(token.slice(-20));

    const stored = await withTenant(org.id, (tx) =>
      tx.execute<{ secret_hash: string }>(sql`select secret_hash from api_keys where id = ${key.id}`),
    );
    expect(stored[0]!.secret_hash).not.toContain(token.split("_")[2]!);

    expect(await authenticateApiKey(`Bearer ${token}`)).toEqual({ orgId: org.id, keyId: key.id, role: "staff" });
    const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(await authenticateApiKey(`Bearer ${tampered}`)).toBeNull();
    expect(await authenticateApiKey("Bearer ac_nothing")).toBeNull();

    // The same secret presented under another organization's id finds nothing.
    const other = await createOrganization("keys-other");
    const moved = token.replace(/^ac_[0-9a-f]{32}_/, `ac_${other.id.replace(/-/g, "")}_`);
    expect(await authenticateApiKey(`Bearer ${moved}`)).toBeNull();

    await withTenant(org.id, (tx) => revokeApiKey(tx, org.id, key.id));
    expect(await authenticateApiKey(`Bearer ${token}`)).toBeNull();
    const listed = await withTenant(org.id, (tx) => listApiKeys(tx, org.id));
    expect(listed[0]!.revokedAt).not.toBeNull();
  });

  it("need a plan with API access, to be made and to be used", async () => {
    const org = await createOrganization("keys-plan");
    const { token } = await withTenant(org.id, (tx) => createApiKey(tx, org.id, { name: "k", role: "admin", createdBy: null }));
    await withPlatform((tx) => tx.update(organizations).set({ plan: "basic" }).where(eq(organizations.id, org.id)));
    await expect(authenticateApiKey(`Bearer ${token}`)).rejects.toMatchObject({ status: 402, code: "plan_feature:api_access" });
    await expect(
      withTenant(org.id, (tx) => createApiKey(tx, org.id, { name: "k2", role: "admin", createdBy: null })),
    ).rejects.toMatchObject({ status: 402 });
  });
});
