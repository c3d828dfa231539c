import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { authorizeCredentials } from "@/lib/auth/options";
import {
  RESET_COMPLETE_RATE_LIMIT,
  RESET_DONE_MESSAGE,
  RESET_LINK_DEAD,
  RESET_REQUEST_RATE_LIMIT,
  RESET_REQUESTED_MESSAGE,
} from "@/lib/auth/password-reset";
import { CONFIRM_LINK_DEAD, CONFIRM_OWNER_RATE_LIMIT } from "@/lib/administration/owner-confirmation";
import { createOrganizationSelfService } from "@/lib/administration/sign-up";
import { sessionIsLive, SIGN_OUT_EVERYWHERE_RATE_LIMIT, startSession } from "@/lib/auth/sessions";
import { withPlatform } from "@/lib/db/tenant";
import { hashPassword } from "@/lib/users/password";
import { platformUsers } from "@/lib/users/platform-repository";
import { asOwner } from "../support/owner";
import { arriveAs, person } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);

const { requestPasswordResetAction } = await import("@/app/(platform)/forgot-password/actions");
const { completePasswordResetAction } = await import("@/app/(platform)/reset-password/[token]/actions");
const { confirmOwnerAction } = await import("@/app/(platform)/confirm/[token]/actions");
const { signOutEverywhereAction } = await import("@/app/org/[org]/(staff)/actions");
const resetRequestPOST = (await import("@/app/api/v1/account/password-reset/route")).POST;
const resetCompletePOST = (await import("@/app/api/v1/account/password-reset/[token]/route")).POST;
const confirmPOST = (await import("@/app/api/v1/signup/confirm/[token]/route")).POST;
const signOutEverywherePOST = (await import("@/app/api/auth/sign-out-everywhere/route")).POST;

// The root domain's account pages (forgot password, the reset and confirmation links) and the
// user menu's "sign out everywhere" call server actions. Each answers as its REST twin does, through
// the same service, and counts against the same allowance: switching doors buys an attacker nothing.

const OLD = "the old password, long enough";
const NEW = "a brand new password 42";

const freshIp = () => `10.${crypto.randomInt(1, 255)}.${crypto.randomInt(255)}.${crypto.randomInt(1, 255)}`;

/** An anonymous visitor on the root domain, from an address of its own. */
function anonymousOn(path: string, ip = freshIp()) {
  arriveAs({ host: "localhost", path, session: null, headers: { "x-forwarded-for": ip } });
  return ip;
}

async function account() {
  const email = `platform-actions-${crypto.randomBytes(5).toString("hex")}@example.test`;
  const passwordHash = await hashPassword(OLD);
  return withPlatform((tx) => platformUsers(tx).create({ input: { email, name: "Account Tester", passwordHash } }));
}

async function mailKinds(email: string): Promise<string[]> {
  const rows = await asOwner(
    (sql) => sql<{ kind: string }[]>`select kind from account_messages where to_email = ${email} order by created_at, id`,
  );
  return rows.map((r) => r.kind);
}

/** The latest link of a kind in an address's outbox (never read from an answer). */
async function linkToken(email: string, kinds: string[], path: string): Promise<string> {
  const rows = await asOwner(
    (sql) =>
      sql<
        { kind: string; body_text: string }[]
      >`select kind, body_text from account_messages where to_email = ${email} order by created_at, id`,
  );
  const body = rows.filter((r) => kinds.includes(r.kind)).at(-1)?.body_text;
  const match = body?.match(new RegExp(`/${path}/([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in the outbox`);
  return match[1]!;
}

async function resetToken(email: string): Promise<string> {
  anonymousOn("/forgot-password");
  expect(await requestPasswordResetAction({ email })).toEqual({ ok: true, data: { message: RESET_REQUESTED_MESSAGE } });
  return linkToken(email, ["password_reset"], "reset-password");
}

/** A self-service sign-up waiting for its owner to confirm; the confirmation link's token. */
async function pendingOwner(email: string): Promise<string> {
  const slug = `confirm-action-${crypto.randomBytes(4).toString("hex")}`;
  await createOrganizationSelfService({
    input: { name: `Confirm ${slug}`, slug },
    owner: { email, name: "Would-be Owner", password: NEW },
    creator: { operatorToken: false, userId: null },
  });
  return linkToken(email, ["confirm_address", "owner_notice"], "confirm");
}

/** A REST request (its caller's address and session are the current arrival's, as the pipeline reads them). */
function post(url: string, body: unknown) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function restError(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: body.error.code, message: body.error.message };
}

describe("forgot password (requestPasswordResetAction)", () => {
  it("a malformed address gets a clear field error, not a failure of the server, and nothing is mailed", async () => {
    anonymousOn("/forgot-password");
    const result = await requestPasswordResetAction({ email: "not-an-address" });
    expect(result).toMatchObject({ ok: false, code: "validation", fieldErrors: { email: ["Enter a valid e-mail address."] } });
    expect(await requestPasswordResetAction({} as never)).toMatchObject({ ok: false, code: "validation" });
    expect(await mailKinds("not-an-address")).toEqual([]);
  });

  it("answers the same for an address with an account and one without, as the REST endpoint does", async () => {
    const user = await account();
    const unknown = `nobody-${crypto.randomBytes(5).toString("hex")}@example.test`;
    anonymousOn("/forgot-password");
    const known = await requestPasswordResetAction({ email: user.email });
    anonymousOn("/forgot-password");
    const stranger = await requestPasswordResetAction({ email: unknown });
    expect(known).toEqual({ ok: true, data: { message: RESET_REQUESTED_MESSAGE } });
    expect(stranger).toEqual(known);
    const rest = await resetRequestPOST(post("/api/v1/account/password-reset", { email: unknown }), { params: Promise.resolve({}) });
    expect(rest.status).toBe(202);
    expect(await rest.json()).toEqual({ data: known.ok ? known.data : null });
    expect(await mailKinds(user.email)).toEqual(["password_reset"]);
    expect(await mailKinds(unknown)).toEqual(["password_reset_unknown", "password_reset_unknown"]);
  });

  it("the REST endpoint's per-address limit holds through the action, and the action's use counts against the endpoint", async () => {
    const ip = freshIp();
    for (let i = 0; i < RESET_REQUEST_RATE_LIMIT.limit; i++) {
      anonymousOn("/forgot-password", ip);
      expect(await requestPasswordResetAction({ email: `flood-${i}@example.test` })).toMatchObject({ ok: true });
    }
    anonymousOn("/forgot-password", ip);
    expect(await requestPasswordResetAction({ email: "one-more@example.test" })).toMatchObject({ ok: false, code: "rate_limited" });
    const rest = await resetRequestPOST(post("/api/v1/account/password-reset", { email: "one-more@example.test" }), {
      params: Promise.resolve({}),
    });
    expect(rest.status).toBe(429);
    // Another address is not held back.
    anonymousOn("/forgot-password");
    expect(await requestPasswordResetAction({ email: "someone-else@example.test" })).toMatchObject({ ok: true });
  });
});

describe("choosing a new password through the link (completePasswordResetAction)", () => {
  it("a too-short password or a missing token gets a clear message; the link stays usable", async () => {
    const user = await account();
    const token = await resetToken(user.email);
    anonymousOn("/reset-password/x");
    expect(await completePasswordResetAction({ token, password: "short" })).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { password: [expect.stringMatching(/at least/)] },
    });
    expect(await completePasswordResetAction({ password: NEW } as never)).toMatchObject({ ok: false, code: "validation" });
    expect(await completePasswordResetAction({ token, password: NEW })).toEqual({ ok: true, data: { message: RESET_DONE_MESSAGE } });
  });

  it("sets the password once and ends every session; a used, expired or another kind of link gets the REST endpoint's refusal", async () => {
    const user = await account();
    const sessions = [await startSession(user.id), await startSession(user.id)];
    const token = await resetToken(user.email);
    anonymousOn(`/reset-password/${token}`);
    expect(await completePasswordResetAction({ token, password: NEW })).toEqual({ ok: true, data: { message: RESET_DONE_MESSAGE } });
    expect(await authorizeCredentials({ email: user.email, password: NEW }, { "x-forwarded-for": freshIp() })).toMatchObject({
      id: user.id,
    });
    for (const sid of sessions) expect(await sessionIsLive(sid, user.id)).toBe(false);

    const refusal = { ok: false, code: "invalid:link", formError: RESET_LINK_DEAD };
    const rest = async (t: string) =>
      restError(
        await resetCompletePOST(post(`/api/v1/account/password-reset/${t}`, { password: "yet another password" }), {
          params: Promise.resolve({ token: t }),
        }),
      );
    // Used.
    anonymousOn(`/reset-password/${token}`);
    expect(await completePasswordResetAction({ token, password: "yet another password" })).toMatchObject(refusal);
    expect(await rest(token)).toEqual({ status: 400, code: "invalid:link", message: RESET_LINK_DEAD });
    // Expired.
    const second = await resetToken(user.email);
    await asOwner((sql) => sql`update account_tokens set expires_at = now() - interval '1 second' where user_id = ${user.id}`);
    anonymousOn(`/reset-password/${second}`);
    expect(await completePasswordResetAction({ token: second, password: "yet another password" })).toMatchObject(refusal);
    expect(await rest(second)).toEqual({ status: 400, code: "invalid:link", message: RESET_LINK_DEAD });
    // Made up, and a link of another kind (an owner confirmation).
    const confirmation = await pendingOwner(`reset-foreign-${crypto.randomBytes(4).toString("hex")}@example.test`);
    for (const t of [crypto.randomBytes(24).toString("base64url"), confirmation, ""]) {
      anonymousOn("/reset-password/x");
      expect(await completePasswordResetAction({ token: t, password: "yet another password" })).toMatchObject(refusal);
    }
    expect(await rest(confirmation)).toEqual({ status: 400, code: "invalid:link", message: RESET_LINK_DEAD });
    // The password is still the one set through the link.
    expect(await authorizeCredentials({ email: user.email, password: NEW }, { "x-forwarded-for": freshIp() })).toMatchObject({
      id: user.id,
    });
  });

  it("guessing links: the REST endpoint's limit holds through the action and both doors share it", async () => {
    const ip = freshIp();
    for (let i = 0; i < RESET_COMPLETE_RATE_LIMIT.limit; i++) {
      anonymousOn("/reset-password/x", ip);
      expect(await completePasswordResetAction({ token: `guess-${i}`, password: NEW })).toMatchObject({ code: "invalid:link" });
    }
    anonymousOn("/reset-password/x", ip);
    expect(await completePasswordResetAction({ token: "guess-last", password: NEW })).toMatchObject({ ok: false, code: "rate_limited" });
    const rest = await resetCompletePOST(post("/api/v1/account/password-reset/guess-last", { password: NEW }), {
      params: Promise.resolve({ token: "guess-last" }),
    });
    expect(rest.status).toBe(429);
  });
});

describe("confirming a new owner's address (confirmOwnerAction)", () => {
  it("a token that is not text gets a clear message; a good link creates the account once, then answers as REST does", async () => {
    const email = `confirm-action-${crypto.randomBytes(5).toString("hex")}@example.test`;
    const token = await pendingOwner(email);
    anonymousOn(`/confirm/${token}`);
    expect(await confirmOwnerAction({ token: 42 } as never)).toMatchObject({ ok: false, code: "validation" });
    expect(await confirmOwnerAction({ token })).toEqual({ ok: true, data: { createdAccount: true } });
    expect(await authorizeCredentials({ email, password: NEW }, { "x-forwarded-for": freshIp() })).toMatchObject({ email });

    anonymousOn(`/confirm/${token}`);
    expect(await confirmOwnerAction({ token })).toMatchObject({ ok: false, code: "invalid:link", formError: CONFIRM_LINK_DEAD });
    const rest = await confirmPOST(post(`/api/v1/signup/confirm/${token}`, {}), { params: Promise.resolve({ token }) });
    expect(await restError(rest)).toEqual({ status: 400, code: "invalid:link", message: CONFIRM_LINK_DEAD });
    // A password-reset link is not a confirmation link.
    const user = await account();
    const reset = await resetToken(user.email);
    anonymousOn(`/confirm/${reset}`);
    expect(await confirmOwnerAction({ token: reset })).toMatchObject({ ok: false, code: "invalid:link" });
  });

  it("a link naming an existing account is refused to anyone but that account, signed in", async () => {
    const victim = await person([], "confirm-victim");
    const stranger = await person([], "confirm-stranger");
    const token = await pendingOwner(victim.email);
    const wrongAccount = { ok: false, code: "forbidden:wrong_account" };
    anonymousOn(`/confirm/${token}`);
    expect(await confirmOwnerAction({ token })).toMatchObject(wrongAccount);
    arriveAs({ host: "localhost", path: `/confirm/${token}`, session: stranger.session, headers: { "x-forwarded-for": freshIp() } });
    expect(await confirmOwnerAction({ token })).toMatchObject(wrongAccount);
    anonymousOn(`/api/v1/signup/confirm/${token}`);
    const rest = await confirmPOST(post(`/api/v1/signup/confirm/${token}`, {}), { params: Promise.resolve({ token }) });
    expect(await restError(rest)).toMatchObject({ status: 403, code: "forbidden:wrong_account" });

    arriveAs({ host: "localhost", path: `/confirm/${token}`, session: victim.session, headers: { "x-forwarded-for": freshIp() } });
    expect(await confirmOwnerAction({ token })).toEqual({ ok: true, data: { createdAccount: false } });
  });

  it("the REST endpoint's limit holds through the action", async () => {
    const ip = freshIp();
    for (let i = 0; i < CONFIRM_OWNER_RATE_LIMIT.limit; i++) {
      anonymousOn("/confirm/x", ip);
      expect(await confirmOwnerAction({ token: `guess-${i}` })).toMatchObject({ code: "invalid:link" });
    }
    anonymousOn("/confirm/x", ip);
    expect(await confirmOwnerAction({ token: "guess-last" })).toMatchObject({ ok: false, code: "rate_limited" });
    const rest = await confirmPOST(post("/api/v1/signup/confirm/guess-last", {}), { params: Promise.resolve({ token: "guess-last" }) });
    expect(rest.status).toBe(429);
  });
});

describe("sign out everywhere (signOutEverywhereAction)", () => {
  it("signed out: refused, and nobody's sessions end", async () => {
    const bystander = await person([], "bystander");
    const sid = await startSession(bystander.id);
    anonymousOn("/dashboard");
    expect(await signOutEverywhereAction({})).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await sessionIsLive(sid, bystander.id)).toBe(true);
  });

  it("ends every session of the caller's own account and no one else's; the input cannot name another user", async () => {
    const caller = await person([], "signout-caller");
    const other = await person([], "signout-other");
    const mine = [await startSession(caller.id), await startSession(caller.id)];
    const theirs = await startSession(other.id);
    arriveAs({ host: "metro.localhost", path: "/dashboard", session: caller.session, headers: { "x-forwarded-for": freshIp() } });
    expect(await signOutEverywhereAction({ userId: other.id } as never)).toEqual({ ok: true, data: { ended: 2 } });
    for (const sid of mine) expect(await sessionIsLive(sid, caller.id)).toBe(false);
    expect(await sessionIsLive(theirs, other.id)).toBe(true);
  });

  it("shares the REST endpoint's per-user limit", async () => {
    const caller = await person([], "signout-flood");
    arriveAs({ host: "localhost", path: "/dashboard", session: caller.session, headers: { "x-forwarded-for": freshIp() } });
    for (let i = 0; i < SIGN_OUT_EVERYWHERE_RATE_LIMIT.limit; i++) expect(await signOutEverywhereAction({})).toMatchObject({ ok: true });
    expect(await signOutEverywhereAction({})).toMatchObject({ ok: false, code: "rate_limited" });
    // The endpoint, from the same origin (the REST door checks that for a session cookie).
    arriveAs({
      host: "localhost",
      path: "/api/auth/sign-out-everywhere",
      session: caller.session,
      headers: { origin: "http://localhost" },
    });
    const rest = await signOutEverywherePOST(post("/api/auth/sign-out-everywhere", {}), { params: Promise.resolve({}) });
    expect(rest.status).toBe(429);
  });
});
