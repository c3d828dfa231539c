import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sessionIsLive, startSession } from "@/lib/auth/sessions";
import { withPlatform } from "@/lib/db/tenant";
import { hashPassword, verifyPassword } from "@/lib/users/password";
import { platformUsers } from "@/lib/users/platform-repository";
import { twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { arriveAs, securityEventsFor, type Person } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { changePasswordAction } = await import("@/app/org/[org]/(staff)/account/password/actions");

const PAGE = "/account/password";
const OLD = "correct horse battery staple";
const NEW = "a brand new passphrase";

let h: Hospitals;
beforeAll(async () => {
  h = await twoHospitals("pwchange");
});

async function withPassword(who: Person): Promise<Person> {
  const passwordHash = await hashPassword(OLD);
  await withPlatform((tx) => platformUsers(tx).setPasswordHash({ id: who.id, passwordHash }));
  return who;
}

async function passwordIs(userId: string, password: string): Promise<boolean> {
  const user = await withPlatform((tx) => platformUsers(tx).findById({ id: userId }), { userId });
  return Boolean(user?.passwordHash && (await verifyPassword(user.passwordHash, password)));
}

async function mailsTo(email: string): Promise<string[]> {
  const rows = await asOwner((sql) => sql<{ kind: string }[]>`select kind from account_messages where to_email = ${email}`);
  return rows.map((r) => r.kind);
}

describe("changing one's own password", () => {
  it("needs the current password; a wrong one changes nothing and counts as a failed sign-in", async () => {
    const who = await withPassword(await h.memberOfA("clinician"));
    const session = await startSession(who.id);
    arriveAs({ host: h.a.host, path: PAGE, session: who.session });
    const wrong = await changePasswordAction({ currentPassword: "not my password at all", newPassword: NEW });
    expect(wrong).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { currentPassword: [expect.stringMatching(/current password/)] },
    });
    expect(await passwordIs(who.id, OLD)).toBe(true);
    expect(await sessionIsLive(session, who.id)).toBe(true);
    const throttled = await asOwner(
      (sql) => sql<{ failures: number }[]>`select failures from sign_in_throttles where key = ${`account:${who.email}`}`,
    );
    expect(throttled[0]?.failures).toBe(1);
  });

  it("refuses a short new password, or the same one, with a field message", async () => {
    const who = await withPassword(await h.memberOfA("staff"));
    arriveAs({ host: h.a.host, path: PAGE, session: who.session });
    expect(await changePasswordAction({ currentPassword: OLD, newPassword: "short" })).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { newPassword: [expect.stringMatching(/at least 10/)] },
    });
    expect(await changePasswordAction({ currentPassword: OLD, newPassword: OLD })).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: [expect.stringMatching(/different/)] },
    });
    expect(await passwordIs(who.id, OLD)).toBe(true);
  });

  it("sets the new password, ends every session of the account (and only that account's), and tells the owner by e-mail", async () => {
    const who = await withPassword(await h.memberOfA("admin"));
    const bystander = await h.memberOfA("admin");
    const [here, there] = [await startSession(who.id), await startSession(who.id)];
    const theirs = await startSession(bystander.id);
    arriveAs({ host: h.a.host, path: PAGE, session: who.session });
    expect(await changePasswordAction({ currentPassword: OLD, newPassword: NEW })).toMatchObject({ ok: true, data: { sessionsEnded: 2 } });
    expect(await passwordIs(who.id, NEW)).toBe(true);
    expect(await passwordIs(who.id, OLD)).toBe(false);
    expect(await sessionIsLive(here, who.id)).toBe(false);
    expect(await sessionIsLive(there, who.id)).toBe(false);
    expect(await sessionIsLive(theirs, bystander.id)).toBe(true);
    expect(await mailsTo(who.email)).toContain("password_changed");
    expect((await securityEventsFor(who.id)).map((e) => e.kind)).toContain("password_changed");
  });

  it("only ever changes the caller's own password: no input names a user, and extra fields are ignored", async () => {
    const who = await withPassword(await h.memberOfA("owner"));
    const victim = await withPassword(await h.memberOfB("owner"));
    arriveAs({ host: h.a.host, path: PAGE, session: who.session });
    const answer = await changePasswordAction({ currentPassword: OLD, newPassword: NEW, userId: victim.id } as never);
    expect(answer.ok).toBe(true);
    expect(await passwordIs(victim.id, OLD)).toBe(true);
    // Signed out, nothing changes for anyone.
    arriveAs({ host: h.b.host, path: PAGE, session: null });
    expect(await changePasswordAction({ currentPassword: OLD, newPassword: `${NEW}-${crypto.randomInt(1000)}` })).toMatchObject({
      ok: false,
    });
    expect(await passwordIs(victim.id, OLD)).toBe(true);
  });
});
