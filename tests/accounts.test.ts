import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorizeCredentials } from "@/lib/auth/options";
import { completePasswordReset, requestPasswordReset, RESET_ACCOUNT_LIMIT } from "@/lib/auth/password-reset";
import { sessionIsLive, startSession } from "@/lib/auth/sessions";
import { withPlatform } from "@/lib/db/tenant";
import { hashPassword } from "@/lib/users/password";
import { platformUsers } from "@/lib/users/platform-repository";
import { asOwner } from "./support/owner";

const OLD = "the old password, long enough";
const NEW = "a brand new password 42";

async function account() {
  const email = `accounts-${crypto.randomBytes(5).toString("hex")}@example.test`;
  const passwordHash = await hashPassword(OLD);
  return withPlatform((tx) => platformUsers(tx).create({ input: { email, name: "Account Tester", passwordHash } }));
}

type Mail = { kind: string; subject: string; body_text: string; status: string };
async function mailTo(email: string): Promise<Mail[]> {
  return asOwner(
    (sql) => sql<Mail[]>`select kind, subject, body_text, status from account_messages where to_email = ${email} order by created_at, id`,
  );
}

/** The reset link's token, read from the outbox (never from an answer). */
async function resetTokenFor(email: string): Promise<string> {
  const mail = (await mailTo(email)).filter((m) => m.kind === "password_reset").at(-1);
  const match = mail?.body_text.match(/\/reset-password\/([A-Za-z0-9_-]+)/);
  if (!match) throw new Error("no reset link in the outbox");
  return match[1]!;
}

async function passwordHashOf(id: string) {
  return (await asOwner((sql) => sql<{ h: string | null }[]>`select password_hash as h from users where id = ${id}`))[0]!.h;
}

const ip = () => `10.77.${crypto.randomInt(255)}.${crypto.randomInt(255)}`;
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? String(e),
  );

describe("password reset", () => {
  it("mails a single-use link to an existing account; the new password works and every session ends", async () => {
    const user = await account();
    const sessions = [await startSession(user.id), await startSession(user.id)];
    await requestPasswordReset({ email: user.email.toUpperCase(), ip: ip() });
    const token = await resetTokenFor(user.email);
    // Only the hash is stored.
    const stored = await asOwner((sql) => sql<{ n: number }[]>`select count(*)::int as n from account_tokens where token_hash = ${token}`);
    expect(stored[0]!.n).toBe(0);

    await completePasswordReset({ token, password: NEW });
    expect(await authorizeCredentials({ email: user.email, password: NEW }, { "x-forwarded-for": ip() })).toMatchObject({ id: user.id });
    expect(await authorizeCredentials({ email: user.email, password: OLD }, { "x-forwarded-for": ip() })).toBeNull();
    for (const sid of sessions) expect(await sessionIsLive(sid, user.id)).toBe(false);
    expect((await mailTo(user.email)).map((m) => m.kind)).toEqual(["password_reset", "password_changed"]);

    // Second use: refused with a clear message, and the password stays the one just set.
    const hash = await passwordHashOf(user.id);
    await expect(completePasswordReset({ token, password: "yet another password" })).rejects.toMatchObject({
      code: "invalid:link",
      message: expect.stringMatching(/not valid any more/),
    });
    expect(await passwordHashOf(user.id)).toBe(hash);
  });

  it("an unknown address gets no link and no account; a note goes to the address instead", async () => {
    const email = `nobody-${crypto.randomBytes(5).toString("hex")}@example.test`;
    await requestPasswordReset({ email, ip: ip() });
    expect((await mailTo(email)).map((m) => m.kind)).toEqual(["password_reset_unknown"]);
    expect((await mailTo(email))[0]!.body_text).not.toMatch(/reset-password\//);
    const tokens = await asOwner((sql) => sql<{ n: number }[]>`select count(*)::int as n from account_tokens where email = ${email}`);
    expect(tokens[0]!.n).toBe(0);
    expect(await withPlatform((tx) => platformUsers(tx).findByEmail({ email }))).toBeUndefined();
  });

  it("an expired link, a made-up link and a newer link's older sibling are refused and change nothing", async () => {
    const user = await account();
    const before = await passwordHashOf(user.id);
    await requestPasswordReset({ email: user.email, ip: ip() });
    const first = await resetTokenFor(user.email);
    await requestPasswordReset({ email: user.email, ip: ip() });
    const second = await resetTokenFor(user.email);
    expect(second).not.toBe(first);

    expect(await codeOf(completePasswordReset({ token: crypto.randomBytes(24).toString("base64url"), password: NEW }))).toBe(
      "invalid:link",
    );
    expect(await codeOf(completePasswordReset({ token: "short", password: NEW }))).toBe("invalid:link");
    await asOwner((sql) => sql`update account_tokens set expires_at = now() - interval '1 second' where user_id = ${user.id}`);
    expect(await codeOf(completePasswordReset({ token: second, password: NEW }))).toBe("invalid:link");
    expect(await passwordHashOf(user.id)).toBe(before);

    // Using one link kills every other open link of the account.
    await asOwner((sql) => sql`update account_tokens set expires_at = now() + interval '1 hour' where user_id = ${user.id}`);
    await completePasswordReset({ token: first, password: NEW });
    expect(await codeOf(completePasswordReset({ token: second, password: "another new password" }))).toBe("invalid:link");
  });

  it("throttles per account and per client address without saying so", async () => {
    const user = await account();
    for (let i = 0; i < RESET_ACCOUNT_LIMIT + 2; i++) await requestPasswordReset({ email: user.email, ip: ip() });
    expect((await mailTo(user.email)).filter((m) => m.kind === "password_reset")).toHaveLength(RESET_ACCOUNT_LIMIT);

    const from = ip();
    const addresses = Array.from({ length: 22 }, (_, i) => `flood-${i}-${crypto.randomBytes(4).toString("hex")}@example.test`);
    for (const email of addresses) await requestPasswordReset({ email, ip: from });
    const mailed = await asOwner(
      (sql) => sql<{ n: number }[]>`select count(*)::int as n from account_messages where to_email = any(${addresses})`,
    );
    expect(mailed[0]!.n).toBe(20);
  });
});
