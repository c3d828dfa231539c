import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createHandoff, redeemHandoff } from "@/lib/auth/handoff";
import { authorizeCredentials, THROTTLED_MESSAGE } from "@/lib/auth/options";
import { hashPassword } from "@/lib/users/password";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { platformUsers } from "@/lib/users/platform-repository";
import { createOrganization } from "./support/fixtures";
import { asOwner } from "./support/owner";

const PASSWORD = "correct horse battery staple";
let passwordHash: string | undefined;

async function member(orgIds: string[], role: "owner" | "admin" | "clinician" | "staff" = "clinician") {
  passwordHash ??= await hashPassword(PASSWORD);
  const email = `user-${crypto.randomBytes(5).toString("hex")}@example.com`;
  const user = await withPlatform((tx) => platformUsers(tx).create({ input: { email, name: "Test User", passwordHash } }));
  for (const orgId of orgIds) await withTenant(orgId, (tx) => membershipsRepo(tx, orgId).add({ userId: user.id, role }));
  return user;
}

const headersFrom = (ip: string) => ({ "x-forwarded-for": ip });

describe("credentials sign-in", () => {
  it("accepts the right password and picks the organization the sign-in happened at", async () => {
    const a = await createOrganization("signin-a");
    const b = await createOrganization("signin-b");
    const user = await member([a.id, b.id]);
    const result = await authorizeCredentials(
      { email: user.email.toUpperCase(), password: PASSWORD, organization: b.slug },
      headersFrom("10.9.0.1"),
    );
    expect(result).toMatchObject({ id: user.id, activeOrganizationId: b.id });
  });

  it("refuses a wrong password or unknown account with the same generic result", async () => {
    const a = await createOrganization("signin-wrong");
    const user = await member([a.id]);
    expect(await authorizeCredentials({ email: user.email, password: "nope" }, headersFrom("10.9.0.2"))).toBeNull();
    expect(await authorizeCredentials({ email: "nobody@example.com", password: "nope" }, headersFrom("10.9.0.2"))).toBeNull();
    expect(await authorizeCredentials({ email: "not-an-email", password: "x" }, headersFrom("10.9.0.2"))).toBeNull();
  });

  it("never makes a non-member's hinted organization active", async () => {
    const mine = await createOrganization("signin-mine");
    const theirs = await createOrganization("signin-theirs");
    const user = await member([mine.id]);
    const result = await authorizeCredentials(
      { email: user.email, password: PASSWORD, organization: theirs.slug },
      headersFrom("10.9.0.3"),
    );
    expect(result?.activeOrganizationId).toBe(mine.id);
  });

  it("locks an account after 5 failures, even for the right password", async () => {
    const a = await createOrganization("signin-lock");
    const user = await member([a.id]);
    for (let i = 0; i < 5; i++) {
      expect(await authorizeCredentials({ email: user.email, password: `wrong-${i}` }, headersFrom(`10.8.0.${i}`))).toBeNull();
    }
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD }, headersFrom("10.8.1.1"))).rejects.toThrow(
      THROTTLED_MESSAGE,
    );
  });

  it("locks an address after 30 failures across accounts", async () => {
    const a = await createOrganization("signin-ip");
    const victim = await member([a.id]);
    const ip = `10.7.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;
    for (let i = 0; i < 30; i++) {
      expect(await authorizeCredentials({ email: `spray-${i}@example.com`, password: "guess" }, headersFrom(ip))).toBeNull();
    }
    await expect(authorizeCredentials({ email: victim.email, password: PASSWORD }, headersFrom(ip))).rejects.toThrow(THROTTLED_MESSAGE);
    // The same account from another address still works.
    expect(await authorizeCredentials({ email: victim.email, password: PASSWORD }, headersFrom("10.6.0.1"))).not.toBeNull();
  });

  it("uses the right-most X-Forwarded-For entry, so a client cannot dodge the address limit", async () => {
    const a = await createOrganization("signin-xff");
    await member([a.id]);
    const ip = `10.5.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;
    for (let i = 0; i < 30; i++) {
      await authorizeCredentials({ email: `xff-${i}@example.com`, password: "guess" }, { "x-forwarded-for": `1.2.3.${i}, ${ip}` });
    }
    await expect(
      authorizeCredentials({ email: "xff-final@example.com", password: "guess" }, { "x-forwarded-for": `9.9.9.9, ${ip}` }),
    ).rejects.toThrow(THROTTLED_MESSAGE);
  });
});

describe("session hand-off", () => {
  it("is single-use, bound to its host, and expires", async () => {
    const org = await createOrganization("handoff");
    const user = await member([org.id]);
    const host = `${org.slug}.localhost`;

    const token = await createHandoff({ userId: user.id, organizationId: org.id, targetHost: host });
    expect(await redeemHandoff({ token, host: "evil.localhost" })).toBeNull();
    expect(await redeemHandoff({ token, host })).toMatchObject({ userId: user.id, organizationId: org.id });
    expect(await redeemHandoff({ token, host })).toBeNull();

    const stale = await createHandoff({ userId: user.id, organizationId: org.id, targetHost: host });
    await asOwner(
      (tx) => tx`update session_handoffs set expires_at = now() - interval '1 second' where used_at is null and user_id = ${user.id}`,
    );
    expect(await redeemHandoff({ token: stale, host })).toBeNull();

    expect(await redeemHandoff({ token: "x".repeat(43), host })).toBeNull();
    expect(await redeemHandoff({ token: "'; drop table users; --", host })).toBeNull();
  });

  it("stores only a hash of the token", async () => {
    const org = await createOrganization("handoff-hash");
    const user = await member([org.id]);
    const token = await createHandoff({ userId: user.id, organizationId: org.id, targetHost: "x.localhost" });
    const rows = await asOwner((tx) => tx`select token_hash from session_handoffs where user_id = ${user.id}`);
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(rows[0]!.token_hash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
  });

  it("the tenant role cannot read hand-offs or throttles", async () => {
    const org = await createOrganization("handoff-tenant");
    await expect(withTenant(org.id, (tx) => tx.execute(sql`select * from session_handoffs`))).rejects.toMatchObject({
      cause: { code: "42501" },
    });
    await expect(withTenant(org.id, (tx) => tx.execute(sql`select * from sign_in_throttles`))).rejects.toMatchObject({
      cause: { code: "42501" },
    });
  });
});
