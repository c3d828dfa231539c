import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { decryptSecret, totpCode, totpSecretKey } from "@/lib/auth/mfa-codes";
import { sessionIsLive, startSession } from "@/lib/auth/sessions";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { hashPassword } from "@/lib/users/password";
import { platformUsers } from "@/lib/users/platform-repository";
import { twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { arriveAs, person, securityEventsFor, type Person } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { authorizeCredentials, THROTTLED_MESSAGE } = await import("@/lib/auth/options");
const { authSecret } = await import("@/lib/auth/secret");
const { switchOrganization } = await import("@/lib/auth/switch");
const { MFA_CODE_REQUIRED } = await import("@/lib/auth/mfa-path");
const { getMfaStatus, hasMfa, verifySecondFactor } = await import("@/lib/auth/mfa");
const twoFactor = await import("@/app/org/[org]/(staff)/account/two-factor/actions");
const { resetMemberMfaAction } = await import("@/app/org/[org]/(staff)/settings/members/actions");
const { schedulingSettingsAction, updateSchedulingSettingsAction } = await import("@/app/org/[org]/(staff)/settings/scheduling/actions");
const { createApiKeyAction } = await import("@/app/org/[org]/(staff)/settings/api-keys/actions");
const patientsRoute = await import("@/app/api/v1/patients/route");
const apiKeysRoute = await import("@/app/api/v1/settings/api-keys/route");
const schedulingRoute = await import("@/app/api/v1/settings/scheduling/route");

const PAGE = "/account/two-factor";
const PASSWORD = "correct horse battery staple";
const noParams = { params: Promise.resolve({}) };

let h: Hospitals;
beforeAll(async () => {
  h = await twoHospitals("mfa");
});

type Row = {
  secret_ciphertext: string | null;
  pending_secret_ciphertext: string | null;
  enabled_at: Date | null;
  recovery_code_hashes: string[];
};

async function mfaRow(userId: string): Promise<Row | undefined> {
  const rows = await asOwner((sql) => sql<Row[]>`select * from user_mfa where user_id = ${userId}`);
  return rows[0];
}

/** The secret as an authenticator app would hold it (read back through the app's own key). */
async function secretOf(userId: string): Promise<string> {
  const row = await mfaRow(userId);
  return decryptSecret(totpSecretKey(authSecret()), (row!.secret_ciphertext ?? row!.pending_secret_ciphertext)!, userId);
}

/** Turns two-factor on through the page's actions; answers the secret and the recovery codes. */
async function enrol(who: Person, host: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  arriveAs({ host, path: PAGE, session: who.session });
  const started = await twoFactor.startMfaEnrolmentAction({});
  if (!started.ok) throw new Error(`could not start: ${started.code}`);
  const confirmed = await twoFactor.confirmMfaEnrolmentAction({ code: totpCode(started.data.secret) });
  if (!confirmed.ok) throw new Error(`could not confirm: ${confirmed.code}`);
  return { secret: started.data.secret, recoveryCodes: confirmed.data };
}

async function withPassword(who: Person): Promise<Person> {
  const passwordHash = await hashPassword(PASSWORD);
  await withPlatform((tx) => platformUsers(tx).setPasswordHash({ id: who.id, passwordHash }));
  return who;
}

/** Sign-in from its own made-up address, so the per-address throttle of one test does not reach another. */
function signIn(
  who: Person,
  extra: Record<string, string> = {},
  ip = `10.${crypto.randomInt(255)}.${crypto.randomInt(255)}.${crypto.randomInt(255)}`,
) {
  return authorizeCredentials({ email: who.email, password: PASSWORD, ...extra }, { host: "localhost", "x-forwarded-for": ip });
}

async function requireMfaIn(orgId: string, value = true) {
  await withTenant(orgId, (tx) => organizationRepo(tx, orgId).updateSettings({ patch: { requireMfaForStaff: value } }));
}

async function apiKeyCount(orgId: string): Promise<number> {
  const [row] = await asOwner((sql) => sql<{ n: number }[]>`select count(*)::int as n from api_keys where organization_id = ${orgId}`);
  return row!.n;
}

describe("enrolment", () => {
  it("keeps the secret encrypted and the recovery codes hashed; turns on only with a current code", async () => {
    const member = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: PAGE, session: member.session });
    const started = await twoFactor.startMfaEnrolmentAction({});
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.data.otpauthUri).toContain(`secret=${started.data.secret}`);
    expect(started.data.qrCodeSvg).toMatch(/^<svg/);
    expect(await hasMfa(member.id)).toBe(false);

    const pending = await mfaRow(member.id);
    expect(pending!.pending_secret_ciphertext).not.toContain(started.data.secret);
    expect(pending!.enabled_at).toBeNull();

    const wrong = await twoFactor.confirmMfaEnrolmentAction({ code: totpCode(started.data.secret, Date.now() - 5 * 60_000) });
    expect(wrong).toMatchObject({ ok: false, code: "validation" });
    expect(await hasMfa(member.id)).toBe(false);

    const confirmed = await twoFactor.confirmMfaEnrolmentAction({ code: totpCode(started.data.secret) });
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.data).toHaveLength(10);
    const row = await mfaRow(member.id);
    expect(row!.enabled_at).not.toBeNull();
    expect(row!.pending_secret_ciphertext).toBeNull();
    expect(row!.secret_ciphertext).not.toContain(started.data.secret);
    expect(await secretOf(member.id)).toBe(started.data.secret);
    expect(row!.recovery_code_hashes).toHaveLength(10);
    for (const code of confirmed.data) expect(row!.recovery_code_hashes.join(" ")).not.toContain(code.replace("-", ""));
    expect(await getMfaStatus(member.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const events = (await securityEventsFor(member.id)).map((e) => e.kind);
    expect(events).toContain("mfa_code_failed");
    expect(events).toContain("mfa_enrolled");

    // Starting again while it is on is refused; the secret in use is unchanged.
    expect(await twoFactor.startMfaEnrolmentAction({})).toMatchObject({ ok: false, code: "conflict:settings" });
    expect((await mfaRow(member.id))!.secret_ciphertext).toBe(row!.secret_ciphertext);
  });

  it("only ever touches the signed-in user's own two-factor: a user id in the input is ignored", async () => {
    const victim = await h.memberOfA("staff");
    const { secret } = await enrol(victim, h.a.host);
    const before = await mfaRow(victim.id);
    const attacker = await h.memberOfB("owner");
    arriveAs({ host: h.b.host, path: PAGE, session: attacker.session });
    const forged = { userId: victim.id, id: victim.id } as unknown as Record<string, never>;
    await twoFactor.startMfaEnrolmentAction(forged);
    await twoFactor.disableMfaAction({ ...forged, code: totpCode(secret) });
    await twoFactor.regenerateRecoveryCodesAction({ ...forged, code: totpCode(secret) });
    expect(await mfaRow(victim.id)).toEqual(before);
    // And another hospital's member cannot use these actions on hospital A's host at all.
    arriveAs({ host: h.a.host, path: PAGE, session: attacker.session });
    expect(await twoFactor.startMfaEnrolmentAction({})).toMatchObject({ ok: false, code: "forbidden:not_a_member" });
    arriveAs({ host: h.a.host, path: PAGE, session: null });
    expect(await twoFactor.mfaStatusAction({})).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("turns off with the password or a current code, never with a wrong one", async () => {
    const member = await withPassword(await h.memberOfA("clinician"));
    await enrol(member, h.a.host);
    arriveAs({ host: h.a.host, path: PAGE, session: member.session });
    expect(await twoFactor.disableMfaAction({ password: "not the password" })).toMatchObject({ ok: false, code: "validation" });
    expect(await twoFactor.disableMfaAction({ code: "000000" })).toMatchObject({ ok: false, code: "validation" });
    expect(await twoFactor.disableMfaAction({})).toMatchObject({ ok: false, code: "validation" });
    expect(await hasMfa(member.id)).toBe(true);
    expect(await twoFactor.disableMfaAction({ password: PASSWORD })).toMatchObject({ ok: true });
    expect(await hasMfa(member.id)).toBe(false);
    expect((await securityEventsFor(member.id)).map((e) => e.kind)).toContain("mfa_disabled");
  });

  it("new recovery codes need a current code and void the old ones", async () => {
    const member = await h.memberOfA("staff");
    const { secret, recoveryCodes } = await enrol(member, h.a.host);
    arriveAs({ host: h.a.host, path: PAGE, session: member.session });
    expect(await twoFactor.regenerateRecoveryCodesAction({ code: recoveryCodes[0]! })).toMatchObject({ ok: false, code: "validation" });
    // The enrolment's own code was accepted for this step: the next step's code (±30 s drift) is fresh.
    const fresh = await twoFactor.regenerateRecoveryCodesAction({ code: totpCode(secret, Date.now() + 30_000) });
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    expect(await verifySecondFactor(member.id, recoveryCodes[1]!)).toBeNull();
    expect(await verifySecondFactor(member.id, fresh.data[0]!)).toMatchObject({ method: "recovery_code", left: 9 });
  });
});

describe("sign-in with two-factor on", () => {
  it("asks for a code after the right password, accepts a current one once, and answers a wrong code like a wrong password", async () => {
    const member = await withPassword(await h.memberOfA("staff"));
    const plain = await signIn(member);
    expect(plain).toMatchObject({ id: member.id });
    const { secret } = await enrol(member, h.a.host);

    await expect(signIn(member)).rejects.toThrow(MFA_CODE_REQUIRED);
    expect(await signIn(member, { code: "000000" })).toBeNull();
    expect(await authorizeCredentials({ email: member.email, password: "wrong", code: "000000" }, { host: "localhost" })).toBeNull();
    // A wrong password never reveals that the account has two-factor on.
    expect(await authorizeCredentials({ email: member.email, password: "wrong" }, { host: "localhost" })).toBeNull();

    const next = totpCode(secret, Date.now() + 30_000);
    expect(await signIn(member, { code: next })).toMatchObject({ id: member.id });
    // The same code again, within its window: a replay.
    expect(await signIn(member, { code: next })).toBeNull();
    expect((await securityEventsFor(member.id)).map((e) => e.kind)).toContain("mfa_code_failed");
  });

  it("accepts each recovery code once", async () => {
    const member = await withPassword(await h.memberOfA("staff"));
    const { recoveryCodes } = await enrol(member, h.a.host);
    const code = recoveryCodes[3]!;
    expect(await signIn(member, { code: code.toUpperCase() })).toMatchObject({ id: member.id });
    expect(await signIn(member, { code })).toBeNull();
    expect(await getMfaStatus(member.id)).toMatchObject({ recoveryCodesLeft: 9 });
    expect((await securityEventsFor(member.id)).map((e) => e.kind)).toContain("mfa_recovery_code_used");
  });

  it("counts wrong codes into the sign-in throttle: after five, even the right code waits", async () => {
    const member = await withPassword(await h.memberOfA("staff"));
    const { secret } = await enrol(member, h.a.host);
    for (let i = 0; i < 5; i++) expect(await signIn(member, { code: "000000" })).toBeNull();
    await expect(signIn(member, { code: totpCode(secret, Date.now() + 30_000) })).rejects.toThrow(THROTTLED_MESSAGE);
  });

  it("two concurrent sign-ins with the same code: exactly one succeeds", async () => {
    const member = await withPassword(await h.memberOfA("staff"));
    const { secret } = await enrol(member, h.a.host);
    const code = totpCode(secret, Date.now() + 30_000);
    const results = await Promise.all([signIn(member, { code }), signIn(member, { code })]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe("an organization that requires two-factor authentication", () => {
  let strict: Hospitals;
  beforeAll(async () => {
    strict = await twoHospitals("mfa-req");
    await requireMfaIn(strict.a.orgId);
  });

  it("refuses a member without it every action and endpoint (403 mfa_required), but the enrolment page's", async () => {
    const member = await strict.memberOfA("admin");
    arriveAs({ host: strict.a.host, path: "/settings/scheduling", session: member.session });
    expect(await schedulingSettingsAction({})).toMatchObject({ ok: false, code: "mfa_required" });
    const response = await patientsRoute.GET(new Request(`http://${strict.a.host}/api/v1/patients`), noParams);
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("mfa_required");

    arriveAs({ host: strict.a.host, path: PAGE, session: member.session });
    expect(await twoFactor.mfaStatusAction({})).toMatchObject({ ok: true, data: { enabled: false } });
    await enrol(member, strict.a.host);
    arriveAs({ host: strict.a.host, path: "/settings/scheduling", session: member.session });
    expect(await schedulingSettingsAction({})).toMatchObject({ ok: true, data: { requireMfaForStaff: true } });
    expect((await patientsRoute.GET(new Request(`http://${strict.a.host}/api/v1/patients`), noParams)).status).toBe(200);
  });

  it("does not reach the same user's other organizations", async () => {
    const member = await person(
      [
        { orgId: strict.a.orgId, role: "staff" },
        { orgId: strict.b.orgId, role: "staff" },
      ],
      "both",
    );
    arriveAs({ host: strict.b.host, path: "/patients", session: member.session });
    expect((await patientsRoute.GET(new Request(`http://${strict.b.host}/api/v1/patients`), noParams)).status).toBe(200);
    arriveAs({ host: strict.a.host, path: "/patients", session: member.session });
    expect((await patientsRoute.GET(new Request(`http://${strict.a.host}/api/v1/patients`), noParams)).status).toBe(403);
  });

  it("needs the creator of an API key to have it, by action and by REST; nothing is created", async () => {
    const owner = await strict.memberOfA("owner");
    const before = await apiKeyCount(strict.a.orgId);
    arriveAs({ host: strict.a.host, path: "/settings/api-keys", session: owner.session });
    expect(await createApiKeyAction({ name: "EHR", role: "staff" })).toMatchObject({ ok: false, code: "mfa_required" });
    const rest = await apiKeysRoute.POST(
      new Request(`http://${strict.a.host}/api/v1/settings/api-keys`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "EHR", role: "staff" }),
      }),
      noParams,
    );
    expect(rest.status).toBe(403);
    expect(await apiKeyCount(strict.a.orgId)).toBe(before);

    await enrol(owner, strict.a.host);
    arriveAs({ host: strict.a.host, path: "/settings/api-keys", session: owner.session });
    expect(await createApiKeyAction({ name: "EHR", role: "staff" })).toMatchObject({ ok: true });
    expect(await apiKeyCount(strict.a.orgId)).toBe(before + 1);
  });

  it("sends the org switcher to the enrolment page until the user has it", async () => {
    const member = await person(
      [
        { orgId: strict.a.orgId, role: "staff" },
        { orgId: strict.b.orgId, role: "staff" },
      ],
      "switch",
    );
    const into = (orgId: string) => switchOrganization({ userId: member.id, organizationId: orgId, protocol: "http:" });
    // On localhost subdomains the switch is a hand-off, whose landing page (the dashboard) redirects to enrolment.
    expect(await into(strict.a.orgId)).toMatchObject({ mfaRequired: true });
    expect(await into(strict.b.orgId)).toMatchObject({ mfaRequired: false });
    await enrol(member, strict.a.host);
    expect(await into(strict.a.orgId)).toMatchObject({ mfaRequired: false });
  });

  it("is set by admins only; another hospital cannot read or change it", async () => {
    const admin = await strict.memberOfB("admin");
    const staff = await strict.memberOfB("staff");
    arriveAs({ host: strict.b.host, path: "/settings/scheduling", session: staff.session });
    expect(await updateSchedulingSettingsAction({ requireMfaForStaff: true })).toMatchObject({ ok: false, code: "forbidden:permission" });

    // Hospital B's admin against hospital A: by action on A's host, by REST with A's id as selector.
    arriveAs({ host: strict.a.host, path: "/settings/scheduling", session: admin.session });
    expect(await schedulingSettingsAction({})).toMatchObject({ ok: false, code: "forbidden:not_a_member" });
    expect(await updateSchedulingSettingsAction({ requireMfaForStaff: false })).toMatchObject({
      ok: false,
      code: "forbidden:not_a_member",
    });
    arriveAs({
      host: "localhost",
      path: "/api/v1/settings/scheduling",
      session: admin.session,
      headers: { "x-organization-id": strict.a.orgId },
    });
    const read = await schedulingRoute.GET(new Request("http://localhost/api/v1/settings/scheduling"), noParams);
    expect(read.status).toBe(403);
    const settingsA = await withTenant(strict.a.orgId, (tx) => organizationRepo(tx, strict.a.orgId).getSettings());
    expect(settingsA.requireMfaForStaff).toBe(true);

    arriveAs({ host: strict.b.host, path: "/settings/scheduling", session: admin.session });
    expect(await updateSchedulingSettingsAction({ requireMfaForStaff: true })).toMatchObject({
      ok: true,
      data: { requireMfaForStaff: true },
    });
    // The admin who just turned it on has no authenticator yet: from now on only the enrolment page.
    expect(await schedulingSettingsAction({})).toMatchObject({ ok: false, code: "mfa_required" });
    await requireMfaIn(strict.b.orgId, false);
  });
});

describe("an administrator's reset", () => {
  async function membershipOf(orgId: string, userId: string): Promise<string> {
    return (await withTenant(orgId, (tx) => membershipsRepo(tx, orgId).findByUser({ userId })))!.id;
  }

  it("removes a member's two-factor, audited; refused to other hospitals, other roles, owners' by admins, and oneself", async () => {
    const victim = await withPassword(await h.memberOfA("staff"));
    await enrol(victim, h.a.host);
    const victimSession = await startSession(victim.id);
    const membershipId = await membershipOf(h.a.orgId, victim.id);
    const admin = await h.memberOfA("admin");

    // Hospital B's admin: on A's host (not a member), and on B's host with A's membership id (not found).
    const outsider = await h.memberOfB("admin");
    arriveAs({ host: h.a.host, path: "/settings/members", session: outsider.session });
    expect(await resetMemberMfaAction({ id: membershipId })).toMatchObject({ ok: false, code: "forbidden:not_a_member" });
    arriveAs({ host: h.b.host, path: "/settings/members", session: outsider.session });
    expect(await resetMemberMfaAction({ id: membershipId })).toMatchObject({ ok: false, code: "not_found:member" });
    // A's front desk has no members:manage.
    const desk = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: "/settings/members", session: desk.session });
    expect(await resetMemberMfaAction({ id: membershipId })).toMatchObject({ ok: false, code: "forbidden:permission" });
    expect(await hasMfa(victim.id)).toBe(true);

    // An admin cannot reset an owner's, nor their own.
    const owner = await h.memberOfA("owner");
    await enrol(owner, h.a.host);
    arriveAs({ host: h.a.host, path: "/settings/members", session: admin.session });
    expect(await resetMemberMfaAction({ id: await membershipOf(h.a.orgId, owner.id) })).toMatchObject({
      ok: false,
      code: "forbidden:permission",
    });
    expect(await resetMemberMfaAction({ id: await membershipOf(h.a.orgId, admin.id) })).toMatchObject({ ok: false, code: "validation" });
    expect(await hasMfa(owner.id)).toBe(true);

    expect(await resetMemberMfaAction({ id: membershipId })).toMatchObject({ ok: true, data: { wasEnabled: true } });
    expect(await hasMfa(victim.id)).toBe(false);
    // Whoever holds the lost phone's sessions is signed out.
    expect(await sessionIsLive(victimSession, victim.id)).toBe(false);
    expect(await signIn(victim)).toMatchObject({ id: victim.id });
    const audit = await asOwner(
      (sql) => sql<{ actor_user_id: string; resource_id: string }[]>`
        select actor_user_id, resource_id from audit_logs where organization_id = ${h.a.orgId} and resource_type = 'member_mfa'`,
    );
    expect(audit).toContainEqual({ actor_user_id: admin.id, resource_id: membershipId });
    expect((await securityEventsFor(victim.id)).map((e) => e.kind)).toContain("mfa_reset");
  });
});
