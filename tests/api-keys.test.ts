import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { apiKeyInputSchema } from "@/lib/api-keys/schemas";
import { authenticateApiKey, createApiKey, keyCreationRefusal, listApiKeys, revokeApiKey } from "@/lib/api-keys/service";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { organizations } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { createOrganization } from "./support/fixtures";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

describe("organization API keys", () => {
  it("authenticate for their own organization only, are stored hashed, and stop at once when revoked", async () => {
    const org = await createOrganization("keys");
    const { key, token } = await withTenant(org.id, (tx) => createApiKey(tx, org.id, { name: "EHR sync", role: "staff", createdBy: null }));
    expect(token).toMatch(/^ac_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(key.display).not.toContain(token.slice(-20));

    const stored = await withTenant(org.id, (tx) =>
      tx.execute<{ secret_hash: string }>(sql`select secret_hash from api_keys where id = ${key.id}`),
    );
    // The whole 43-character secret (it may itself hold "_", so not a split on it).
    const secret = token.slice("ac_".length + 32 + 1);
    expect(secret).toHaveLength(43);
    expect(stored[0]!.secret_hash).not.toContain(secret);

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

describe("API keys: expiry and least privilege", () => {
  const keysRoute = () => import("@/app/api/v1/settings/api-keys/route");
  const invitationsRoute = () => import("@/app/api/v1/settings/invitations/route");

  async function call(
    handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
    host: string,
    path: string,
    token: string,
    body: unknown,
  ) {
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json", origin: "http://evil.example" };
    arriveAs({ host, path, session: null, headers });
    const response = await handler(new Request(`http://${host}${path}`, { method: "POST", headers, body: JSON.stringify(body) }), {
      params: Promise.resolve({}),
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
  }

  it("an expired key is refused like a revoked one; one that has not expired works", async () => {
    const org = await createOrganization("keys-expiry");
    const { token: live } = await withTenant(org.id, (tx) =>
      createApiKey(tx, org.id, { name: "live", role: "staff", createdBy: null, expiresAt: new Date(Date.now() + 60_000) }),
    );
    const { key, token: old } = await withTenant(org.id, (tx) =>
      createApiKey(tx, org.id, { name: "old", role: "staff", createdBy: null, expiresAt: new Date(Date.now() + 60_000) }),
    );
    expect(await authenticateApiKey(`Bearer ${old}`)).not.toBeNull();
    await asOwner((owner) => owner`update api_keys set expires_at = now() - interval '1 second' where id = ${key.id}`);
    expect(await authenticateApiKey(`Bearer ${old}`)).toBeNull();
    expect(await authenticateApiKey(`Bearer ${live}`)).not.toBeNull();
    const listed = await withTenant(org.id, (tx) => listApiKeys(tx, org.id));
    expect(listed.find((k) => k.id === key.id)!.expiresAt).not.toBeNull();

    // Over REST, the expired key gets 401 (not a 403 that would confirm it exists).
    const providers = (await import("@/app/api/v1/providers/route")).GET;
    arriveAs({ host: "localhost", path: "/api/v1/providers", session: null, headers: { authorization: `Bearer ${old}` } });
    const response = await providers(new Request("http://localhost/api/v1/providers", { headers: { authorization: `Bearer ${old}` } }), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(401);
  });

  it("an expiry must be in the future and at most two years away", () => {
    expect(apiKeyInputSchema.safeParse({ name: "k", role: "staff", expiresAt: "2020-01-01T00:00:00Z" }).success).toBe(false);
    const tooFar = new Date(Date.now() + 800 * 86_400_000).toISOString();
    expect(apiKeyInputSchema.safeParse({ name: "k", role: "staff", expiresAt: tooFar }).success).toBe(false);
    expect(apiKeyInputSchema.safeParse({ name: "k", role: "staff", expiresAt: "next week" }).success).toBe(false);
    const ok = apiKeyInputSchema.parse({ name: "k", role: "staff", expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(ok.expiresAt).toBeInstanceOf(Date);
  });

  it("no API key can mint API keys — not even an admin key, not even a weaker one — and nothing is created", async () => {
    const { POST } = await keysRoute();
    const org = await createOrganization("keys-mint");
    const host = `${org.slug}.localhost`;
    for (const role of ["admin", "clinician", "staff"] as const) {
      const { token } = await withTenant(org.id, (tx) => createApiKey(tx, org.id, { name: `${role} key`, role, createdBy: null }));
      await authenticateApiKey(`Bearer ${token}`); // its last use is recorded now, not during the attempt
      const before = await fingerprint(org.id);
      for (const wanted of ["admin", "staff"]) {
        const reply = await call(POST, host, "/api/v1/settings/api-keys", token, { name: "successor", role: wanted });
        expect(reply.status, `${role} key minting ${wanted}`).toBe(403);
        expect(reply.body.error!.code).toBe(role === "admin" ? "forbidden:api_key_escalation" : "forbidden:permission");
      }
      expect(await fingerprint(org.id)).toBe(before);
    }
  });

  it("a key's role is the ceiling of any invitation it sends: an admin key cannot invite an owner, a clinician key cannot invite anyone", async () => {
    const { POST } = await invitationsRoute();
    const org = await createOrganization("keys-invite");
    const host = `${org.slug}.localhost`;
    const { token: adminKey } = await withTenant(org.id, (tx) => createApiKey(tx, org.id, { name: "a", role: "admin", createdBy: null }));
    const { token: clinicianKey } = await withTenant(org.id, (tx) =>
      createApiKey(tx, org.id, { name: "c", role: "clinician", createdBy: null }),
    );
    for (const token of [adminKey, clinicianKey]) await authenticateApiKey(`Bearer ${token}`);
    const before = await fingerprint(org.id);
    const owner = await call(POST, host, "/api/v1/settings/invitations", adminKey, { email: "boss@keys-invite.test", role: "owner" });
    expect(owner.status).toBe(403);
    const asClinician = await call(POST, host, "/api/v1/settings/invitations", clinicianKey, {
      email: "x@keys-invite.test",
      role: "admin",
    });
    expect(asClinician.status).toBe(403);
    expect(await fingerprint(org.id)).toBe(before);
    // Within its ceiling an admin key may invite (and an Origin header does not matter for a key).
    const staff = await call(POST, host, "/api/v1/settings/invitations", adminKey, { email: "desk@keys-invite.test", role: "staff" });
    expect(staff.status).toBe(201);
  });

  it("a member cannot make a key above their own role (the service's rule, whatever the door)", () => {
    expect(keyCreationRefusal({ kind: "member", role: "clinician" }, "admin")?.code).toBe("forbidden:api_key_escalation");
    expect(keyCreationRefusal({ kind: "member", role: "admin" }, "admin")).toBeNull();
    expect(keyCreationRefusal({ kind: "api_key", role: "admin" }, "staff")?.code).toBe("forbidden:api_key_escalation");
  });
});
