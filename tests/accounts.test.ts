import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorizeCredentials } from "@/lib/auth/options";
import { completePasswordReset, requestPasswordReset, RESET_ACCOUNT_LIMIT } from "@/lib/auth/password-reset";
import { sessionIsLive, startSession } from "@/lib/auth/sessions";
import { acceptInvitation } from "@/lib/administration/invitations";
import { confirmOwner } from "@/lib/administration/owner-confirmation";
import { createOrganizationSelfService } from "@/lib/administration/sign-up";
import { withPlatform } from "@/lib/db/tenant";
import type { CreateOrganizationInput } from "@/lib/organizations/schemas";
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

describe("proving the owner's address at sign-up", () => {
  const strip = (answer: { data: Record<string, unknown>; [k: string]: unknown }) => {
    const { id: _id, slug: _slug, name: _name, domain: _domain, createdAt: _c, updatedAt: _u, ...rest } = answer.data;
    return { ...answer, data: rest };
  };
  const signUp = (email: string, extra: Partial<CreateOrganizationInput> = {}) => {
    const slug = `proof-${crypto.randomBytes(4).toString("hex")}`;
    return createOrganizationSelfService({
      input: { name: `Proof ${slug}`, slug, ...extra },
      owner: { email, name: "Would-be Owner", password: NEW },
      creator: { operatorToken: false, userId: null },
    });
  };
  const confirmToken = async (email: string) => {
    const mail = (await mailTo(email)).filter((m) => m.kind === "confirm_address" || m.kind === "owner_notice").at(-1);
    const match = mail?.body_text.match(/\/confirm\/([A-Za-z0-9_-]+)/);
    if (!match) throw new Error("no confirmation link in the outbox");
    return match[1]!;
  };
  const ownersOf = (orgId: string) =>
    asOwner((sql) => sql<{ user_id: string }[]>`select user_id from memberships where organization_id = ${orgId} and role = 'owner'`);

  it("answers the same for a new and an existing address; nobody is owner and no password changes until confirmed", async () => {
    const victim = await account();
    const victimHash = await passwordHashOf(victim.id);
    const fresh = `fresh-${crypto.randomBytes(5).toString("hex")}@example.test`;

    const timings: Record<string, number[]> = { existing: [], fresh: [] };
    const answers = [];
    for (let i = 0; i < 3; i++) {
      for (const [label, email] of [
        ["existing", victim.email],
        ["fresh", i === 0 ? fresh : `fresh-${i}-${crypto.randomBytes(4).toString("hex")}@example.test`],
      ] as const) {
        const t = performance.now();
        answers.push({ label, answer: await signUp(email) });
        timings[label]!.push(performance.now() - t);
      }
    }
    const shapes = answers.map((a) => JSON.stringify(strip(a.answer as never)));
    expect(new Set(shapes).size).toBe(1);
    expect(answers[0]!.answer).toMatchObject({ ownerConfirmation: { status: "pending" } });
    expect(answers[0]!.answer).not.toHaveProperty("ownerClaimUrl");
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Both paths hash the password and write the same rows; only scheduling noise separates them.
    console.info(`sign-up answer time: existing ${mean(timings.existing!).toFixed(0)} ms, new ${mean(timings.fresh!).toFixed(0)} ms`);
    expect(mean(timings.existing!) / mean(timings.fresh!)).toBeLessThan(3);
    expect(mean(timings.fresh!) / mean(timings.existing!)).toBeLessThan(3);

    expect(await passwordHashOf(victim.id)).toBe(victimHash);
    expect(await withPlatform((tx) => platformUsers(tx).findByEmail({ email: fresh }))).toBeUndefined();
    for (const { answer } of answers) expect(await ownersOf((answer.data as { id: string }).id)).toEqual([]);
    expect(await authorizeCredentials({ email: fresh, password: NEW }, { "x-forwarded-for": ip() })).toBeNull();
    expect(await authorizeCredentials({ email: victim.email, password: NEW }, { "x-forwarded-for": ip() })).toBeNull();
    expect((await mailTo(victim.email)).map((m) => m.kind)).toEqual(["owner_notice", "owner_notice", "owner_notice"]);
    expect((await mailTo(fresh)).map((m) => m.kind)).toEqual(["confirm_address"]);
  });

  it("confirming a new address creates the account with the chosen password and makes it owner, once", async () => {
    const email = `confirm-${crypto.randomBytes(5).toString("hex")}@example.test`;
    const answer = await signUp(email);
    const token = await confirmToken(email);
    const result = await confirmOwner({ token, signedInUserId: null });
    expect(result).toMatchObject({ createdAccount: true, organization: { id: answer.data.id } });
    expect(await ownersOf(answer.data.id)).toEqual([{ user_id: result.userId }]);
    expect(await authorizeCredentials({ email, password: NEW }, { "x-forwarded-for": ip() })).toMatchObject({ id: result.userId });
    expect(await codeOf(confirmOwner({ token, signedInUserId: null }))).toBe("invalid:link");
    expect(await codeOf(confirmOwner({ token, signedInUserId: result.userId }))).toBe("invalid:link");
  });

  it("an existing account accepts only while signed in as itself, and keeps its password", async () => {
    const victim = await account();
    const hash = await passwordHashOf(victim.id);
    const stranger = await account();
    const answer = await signUp(victim.email);
    const token = await confirmToken(victim.email);
    expect(await codeOf(confirmOwner({ token, signedInUserId: null }))).toBe("forbidden:wrong_account");
    expect(await codeOf(confirmOwner({ token, signedInUserId: stranger.id }))).toBe("forbidden:wrong_account");
    expect(await ownersOf(answer.data.id)).toEqual([]);
    await confirmOwner({ token, signedInUserId: victim.id });
    expect(await ownersOf(answer.data.id)).toEqual([{ user_id: victim.id }]);
    expect(await passwordHashOf(victim.id)).toBe(hash);
  });

  it("an owner-claim link answers the same for any address and completes from the e-mail", async () => {
    const victim = await account();
    const hash = await passwordHashOf(victim.id);
    const claimed = async () => {
      const slug = `claim-${crypto.randomBytes(4).toString("hex")}`;
      const created = await createOrganizationSelfService({
        input: { name: `Claim ${slug}`, slug },
        creator: { operatorToken: false, userId: null },
      });
      return { orgId: created.data.id, token: (created as { ownerClaimUrl?: string }).ownerClaimUrl!.split("/invitations/")[1]! };
    };
    const a = await claimed();
    const b = await claimed();
    const fresh = `claimer-${crypto.randomBytes(5).toString("hex")}@example.test`;
    const forVictim = await acceptInvitation(a.orgId, a.token, { email: victim.email, name: "Claimer", password: NEW });
    const forFresh = await acceptInvitation(b.orgId, b.token, { email: fresh, name: "Claimer", password: NEW });
    expect(forVictim).toEqual(forFresh);
    expect(forFresh).toMatchObject({ status: "confirmation_sent" });
    expect(await passwordHashOf(victim.id)).toBe(hash);
    expect(await ownersOf(a.orgId)).toEqual([]);
    expect(await withPlatform((tx) => platformUsers(tx).findByEmail({ email: fresh }))).toBeUndefined();

    const result = await confirmOwner({ token: await confirmToken(fresh), signedInUserId: null });
    expect(await ownersOf(b.orgId)).toEqual([{ user_id: result.userId }]);
    // The claim link is used up.
    const [inv] = await asOwner(
      (sql) => sql<{ accepted: boolean }[]>`select accepted_at is not null as accepted from invitations where organization_id = ${b.orgId}`,
    );
    expect(inv!.accepted).toBe(true);
  });

  it("self-service starts on Basic: asking for a paid plan is refused and creates nothing; the operator token may choose", async () => {
    const email = `plan-${crypto.randomBytes(5).toString("hex")}@example.test`;
    const slug = `plan-${crypto.randomBytes(4).toString("hex")}`;
    for (const plan of ["professional", "enterprise"] as const) {
      expect(
        await codeOf(
          createOrganizationSelfService({
            input: { name: "Paid Please", slug, plan },
            owner: { email, name: "Owner", password: NEW },
            creator: { operatorToken: false, userId: null },
          }),
        ),
      ).toBe("forbidden:plan_operator_only");
    }
    const [orgs] = await asOwner((sql) => sql<{ n: number }[]>`select count(*)::int as n from organizations where slug = ${slug}`);
    expect(orgs!.n).toBe(0);
    expect(await mailTo(email)).toEqual([]);

    const basic = await signUp(email);
    expect(basic.data).toMatchObject({ plan: "basic" });
    const byOperator = await createOrganizationSelfService({
      input: { name: "Operator Made", slug, plan: "enterprise" },
      creator: { operatorToken: true, userId: null },
    });
    expect(byOperator.data).toMatchObject({ plan: "enterprise" });
  });
});
