import { beforeAll, describe, expect, it, vi } from "vitest";
import { createInvitation } from "@/lib/administration/invitations";
import { addMemberAccount, changeMember, inviteMember, removeMember } from "@/lib/administration/members";
import { createApiKey } from "@/lib/api-keys/service";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import type { MemberRole } from "@/lib/db/schema/enums";
import { membershipsRepo } from "@/lib/memberships/repository";
import { addMemberSchema } from "@/lib/memberships/schemas";
import { parseOrThrow } from "@/lib/validation/parse";
import type { AdminScope, Administrator } from "@/lib/tenancy/service-context";
import { platformUsers } from "@/lib/users/platform-repository";
import { actionAttacks, twoHospitals, type Hospitals } from "../support/action-attacks";
import { createOrganization, rejection } from "../support/fixtures";
import { asOwner } from "../support/owner";
import { arriveAs, fingerprint, person, type Person } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);

const { changeMemberAction, inviteMemberAction, memberDirectoryAction, removeMemberAction, revokeInvitationAction } =
  await import("@/app/org/[org]/(staff)/settings/members/actions");
const { apiKeysAction, createApiKeyAction, revokeApiKeyAction } = await import("@/app/org/[org]/(staff)/settings/api-keys/actions");
const membersRoute = await import("@/app/api/v1/settings/members/[membershipId]/route");
const organizationMembersRoute = await import("@/app/api/v1/organizations/[id]/members/route");

let n = 0;
const uniqueEmail = (prefix: string) => `${prefix}-${++n}-${Date.now().toString(36)}@example.test`;

async function membershipIdOf(orgId: string, userId: string): Promise<string> {
  const membership = await withTenant(orgId, (tx) => membershipsRepo(tx, orgId).findByUser({ userId }));
  return membership!.id;
}

async function membershipOf(orgId: string, membershipId: string) {
  return withTenant(orgId, async (tx) => (await membershipsRepo(tx, orgId).list()).find((m) => m.id === membershipId));
}

async function openInvitation(orgId: string, role: MemberRole = "staff"): Promise<string> {
  const { invitation } = await withTenant(orgId, (tx) =>
    createInvitation(tx, orgId, { email: uniqueEmail("invitee"), role, invitedBy: null }),
  );
  return invitation.id;
}

async function apiKeyIn(orgId: string): Promise<string> {
  const { key } = await withTenant(orgId, (tx) => createApiKey(tx, orgId, { name: "Fixture key", role: "staff", createdBy: null }));
  return key.id;
}

async function makeOperator(): Promise<Person> {
  const operator = await person([], "operator");
  await asOwner((sql) => sql`update users set is_platform_operator = true where id = ${operator.id}`);
  return operator;
}

/** The code of what a promise rejected with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  return ((await rejection(p)) as { code?: string }).code ?? "(no code)";
}

let h: Hospitals;
const w = { changeTarget: "", removeTarget: "", foreignMember: "", invitation: "", foreignInvitation: "", key: "", foreignKey: "" };
beforeAll(async () => {
  h = await twoHospitals("mem-actions");
  const [changeTarget, removeTarget, foreign] = [await h.memberOfA("staff"), await h.memberOfA("staff"), await h.memberOfB("staff")];
  w.changeTarget = await membershipIdOf(h.a.orgId, changeTarget.id);
  w.removeTarget = await membershipIdOf(h.a.orgId, removeTarget.id);
  w.foreignMember = await membershipIdOf(h.b.orgId, foreign.id);
  w.invitation = await openInvitation(h.a.orgId);
  w.foreignInvitation = await openInvitation(h.b.orgId);
  w.key = await apiKeyIn(h.a.orgId);
  w.foreignKey = await apiKeyIn(h.b.orgId);
});
const hospitals = () => h;

describe("member actions", () => {
  actionAttacks("memberDirectoryAction", hospitals, {
    page: "/settings/members",
    valid: () => memberDirectoryAction({}),
    invalid: () => memberDirectoryAction("everyone" as never),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("changeMemberAction", hospitals, {
    page: "/settings/members",
    valid: () => changeMemberAction({ id: w.changeTarget, role: "clinician" }),
    foreignIds: () => changeMemberAction({ id: w.foreignMember, role: "clinician" }),
    invalid: () => changeMemberAction({ id: w.changeTarget, role: "boss", status: "gone" } as never),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("removeMemberAction", hospitals, {
    page: "/settings/members",
    valid: () => removeMemberAction({ id: w.removeTarget }),
    foreignIds: () => removeMemberAction({ id: w.foreignMember }),
    invalid: () => removeMemberAction({ id: "not-an-id" }),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("inviteMemberAction", hospitals, {
    page: "/settings/members",
    valid: () => inviteMemberAction({ email: uniqueEmail("new.colleague"), role: "clinician" }),
    invalid: () => inviteMemberAction({ email: "not an e-mail", role: "boss" } as never),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("revokeInvitationAction", hospitals, {
    page: "/settings/members",
    valid: () => revokeInvitationAction({ id: w.invitation }),
    foreignIds: () => revokeInvitationAction({ id: w.foreignInvitation }),
    invalid: () => revokeInvitationAction({ id: "not-an-id" }),
    allowed: "admin",
    refused: "clinician",
  });

  it("the directory lists this hospital's members and open invitations only", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: "/settings/members", session: admin.session });
    const result = await memberDirectoryAction({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.members.map((m) => m.email)).toContain(admin.email);
    expect(result.data.members.map((m) => m.id)).not.toContain(w.foreignMember);
    expect(result.data.invitations.map((i) => i.id)).not.toContain(w.foreignInvitation);
    // Dates arrive as dates.
    expect(result.data.members[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("an invitation goes out through the outbox and its link is answered once", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: "/settings/members", session: admin.session });
    const email = uniqueEmail("mixed.case");
    const result = await inviteMemberAction({ email: `  ${email.toUpperCase()} `, role: "staff" });
    expect(result).toMatchObject({ ok: true, data: { email, role: "staff" } });
    const url = result.ok ? result.data.url : "";
    expect(url).toMatch(/\/invitations\/[A-Za-z0-9_-]{20,}$/);
    const [outbox] = await asOwner(
      (sql) =>
        sql<{ n: number }[]>`select count(*)::int as n from notifications where organization_id = ${h.a.orgId} and to_email = ${email}`,
    );
    expect(outbox!.n).toBe(1);
    // A second invitation for the same person while the first is open: a conflict on the e-mail field's behalf.
    expect(await inviteMemberAction({ email, role: "staff" })).toMatchObject({ ok: false, code: "conflict:invitation" });
  });

  it("FormData works as well as an object, and an organization field in it is ignored", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: "/settings/members", session: admin.session });
    const target = await h.memberOfA("staff");
    const id = await membershipIdOf(h.a.orgId, target.id);
    const form = new FormData();
    form.set("id", id);
    form.set("status", "suspended");
    form.set("organizationId", h.b.orgId);
    expect(await changeMemberAction(form)).toMatchObject({ ok: true, data: { id, status: "suspended", organizationId: h.a.orgId } });
  });
});

describe("API key actions", () => {
  actionAttacks("apiKeysAction", hospitals, {
    page: "/settings/api-keys",
    valid: () => apiKeysAction({}),
    invalid: () => apiKeysAction("all" as never),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("createApiKeyAction", hospitals, {
    page: "/settings/api-keys",
    valid: () => createApiKeyAction({ name: "Kiosk", role: "staff" }),
    invalid: () => createApiKeyAction({ name: " ", role: "owner" } as never),
    allowed: "admin",
    refused: "staff",
  });

  actionAttacks("revokeApiKeyAction", hospitals, {
    page: "/settings/api-keys",
    valid: () => revokeApiKeyAction({ id: w.key }),
    foreignIds: () => revokeApiKeyAction({ id: w.foreignKey }),
    invalid: () => revokeApiKeyAction({ id: "not-an-id" }),
    allowed: "admin",
    refused: "clinician",
  });

  it("the token is answered once; the list never carries it, nor another hospital's keys", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: "/settings/api-keys", session: admin.session });
    const created = await createApiKeyAction({ name: "EHR sync", role: "clinician" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.data.token).toMatch(new RegExp(`^ac_${h.a.orgId.replace(/-/g, "")}_`));
    const listed = await apiKeysAction({});
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    expect(listed.data.map((k) => k.id)).toContain(created.data.key.id);
    expect(listed.data.map((k) => k.id)).not.toContain(w.foreignKey);
    // The secret is everything after "ac_<organization>_"; it may itself hold "_".
    const prefix = `ac_${h.a.orgId.replace(/-/g, "")}_`;
    const secret = created.data.token.slice(prefix.length);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(listed.data)).not.toContain(secret);
  });

  it("a plan without API access refuses with the plan's message (402 code)", async () => {
    const basic = await createOrganization("keyless");
    await asOwner((sql) => sql`update organizations set plan = 'basic' where id = ${basic.id}`);
    const owner = await person([{ orgId: basic.id, role: "owner" }], "basic-owner");
    arriveAs({ host: `${basic.slug}.localhost`, path: "/settings/api-keys", session: owner.session });
    const before = await fingerprint(basic.id);
    expect(await createApiKeyAction({ name: "integration", role: "staff" })).toMatchObject({ ok: false, code: "plan_feature:api_access" });
    expect(await fingerprint(basic.id)).toBe(before);
  });
});

// ───────────── the owner rules, through either door ─────────────

type Hospital = { orgId: string; slug: string; owner: Person; ownerMembership: string; admin: Person; staffMembership: string };

/** An organization with one owner, one admin and one front-desk member. */
async function hospital(prefix: string): Promise<Hospital> {
  const org = await createOrganization(prefix);
  const owner = await person([{ orgId: org.id, role: "owner" }], `${prefix}-owner`);
  const admin = await person([{ orgId: org.id, role: "admin" }], `${prefix}-admin`);
  const staff = await person([{ orgId: org.id, role: "staff" }], `${prefix}-staff`);
  return {
    orgId: org.id,
    slug: org.slug,
    owner,
    ownerMembership: await membershipIdOf(org.id, owner.id),
    admin,
    staffMembership: await membershipIdOf(org.id, staff.id),
  };
}

/**
 * The two ways a request reaches the service: a server action or `/api/v1/settings/*` (a member's
 * tenant transaction in the scope), and `/api/v1/organizations/{id}/*` (no transaction: the
 * service opens its own).
 */
const DOORS = [
  {
    name: "as from a server action",
    run: <T>(orgId: string, by: Administrator, work: (scope: AdminScope) => Promise<T>) =>
      withTenant(orgId, (tx) => work({ orgId, by, tx }), { userId: by.userId }),
  },
  {
    name: "as from orgAdminRoute",
    run: <T>(orgId: string, by: Administrator, work: (scope: AdminScope) => Promise<T>) => work({ orgId, by }),
  },
];

const asAdmin = (x: Hospital): Administrator => ({ kind: "member", userId: x.admin.id, role: "admin" });
const asOwnerOf = (x: Hospital): Administrator => ({ kind: "member", userId: x.owner.id, role: "owner" });
const operator: Administrator = { kind: "operator", userId: null };

describe.each(DOORS)("owner rules in the member service, $name", ({ run }) => {
  it("an admin cannot make someone an owner, invite or add one, nor change or remove an owner; nothing changes", async () => {
    const x = await hospital("admin-vs-owner");
    const before = await fingerprint(x.orgId);
    const by = asAdmin(x);
    const attempts: (() => Promise<unknown>)[] = [
      () => run(x.orgId, by, (s) => changeMember(s, x.staffMembership, { role: "owner" })),
      () => run(x.orgId, by, (s) => changeMember(s, x.ownerMembership, { role: "staff" })),
      () => run(x.orgId, by, (s) => changeMember(s, x.ownerMembership, { status: "suspended" })),
      () => run(x.orgId, by, (s) => removeMember(s, x.ownerMembership)),
      () => run(x.orgId, by, (s) => inviteMember(s, { email: uniqueEmail("co-owner"), role: "owner" })),
      () => addMemberAccount({ orgId: x.orgId, by }, { email: uniqueEmail("co-owner"), name: "Co Owner", role: "owner" }),
    ];
    for (const attempt of attempts) expect(await codeOf(attempt())).toBe("forbidden:permission");
    expect(await fingerprint(x.orgId)).toBe(before);
  });

  it("an owner, and an operator, make someone an owner and change an owner back", async () => {
    const x = await hospital("owner-rights");
    await run(x.orgId, asOwnerOf(x), (s) => changeMember(s, x.staffMembership, { role: "owner" }));
    expect((await membershipOf(x.orgId, x.staffMembership))?.role).toBe("owner");
    await run(x.orgId, operator, (s) => changeMember(s, x.staffMembership, { role: "clinician" }));
    expect((await membershipOf(x.orgId, x.staffMembership))?.role).toBe("clinician");
    const invited = await run(x.orgId, operator, (s) => inviteMember(s, { email: uniqueEmail("owner2"), role: "owner" }));
    expect(invited.role).toBe("owner");
  });

  it("the last active owner cannot be demoted, suspended or removed — not by themselves, not by an operator", async () => {
    const x = await hospital("last-owner");
    for (const by of [asOwnerOf(x), operator]) {
      expect(await codeOf(run(x.orgId, by, (s) => changeMember(s, x.ownerMembership, { role: "admin" })))).toBe("conflict:last_owner");
      expect(await codeOf(run(x.orgId, by, (s) => changeMember(s, x.ownerMembership, { status: "suspended" })))).toBe(
        "conflict:last_owner",
      );
      expect(await codeOf(run(x.orgId, by, (s) => removeMember(s, x.ownerMembership)))).toBe("conflict:last_owner");
    }
    expect(await membershipOf(x.orgId, x.ownerMembership)).toMatchObject({ role: "owner", status: "active" });

    // With a second active owner, the first may step down; the second is then the last.
    await run(x.orgId, asOwnerOf(x), (s) => changeMember(s, x.staffMembership, { role: "owner" }));
    await run(x.orgId, asOwnerOf(x), (s) => changeMember(s, x.ownerMembership, { role: "admin" }));
    expect(await codeOf(run(x.orgId, operator, (s) => removeMember(s, x.staffMembership)))).toBe("conflict:last_owner");
    // A suspended owner does not count: suspending the other owner is refused too.
    await run(x.orgId, operator, (s) => changeMember(s, x.ownerMembership, { role: "owner", status: "suspended" }));
    expect(await codeOf(run(x.orgId, operator, (s) => changeMember(s, x.staffMembership, { status: "suspended" })))).toBe(
      "conflict:last_owner",
    );
    // …while removing the suspended owner is fine.
    await run(x.orgId, operator, (s) => removeMember(s, x.ownerMembership));
    expect(await membershipOf(x.orgId, x.ownerMembership)).toBeUndefined();
  });

  it("only operators add an existing account by id", async () => {
    const x = await hospital("by-id");
    const newcomer = await person([], "newcomer");
    const before = await fingerprint(x.orgId);
    for (const by of [asAdmin(x), asOwnerOf(x)]) {
      expect(await codeOf(addMemberAccount({ orgId: x.orgId, by }, { userId: newcomer.id, role: "staff" }))).toBe(
        "forbidden:operator_only",
      );
    }
    expect(await fingerprint(x.orgId)).toBe(before);
    const added = await addMemberAccount({ orgId: x.orgId, by: operator }, { userId: newcomer.id, role: "staff" });
    expect(added).toMatchObject({ organizationId: x.orgId, userId: newcomer.id, role: "staff", status: "active" });
    const unknown = { userId: "00000000-0000-4000-8000-000000000000", role: "staff" } as const;
    expect(await codeOf(addMemberAccount({ orgId: x.orgId, by: operator }, unknown))).toBe("not_found:user");
    expect(await codeOf(addMemberAccount({ orgId: x.orgId, by: operator }, { userId: newcomer.id, role: "admin" }))).toBe(
      "conflict:membership",
    );
  });

  it("members invite existing accounts instead of adding them; a new account comes with its membership", async () => {
    const x = await hospital("by-email");
    const existing = await person([], "existing");
    const before = await fingerprint(x.orgId);
    expect(
      await codeOf(addMemberAccount({ orgId: x.orgId, by: asAdmin(x) }, { email: existing.email, name: "Someone", role: "staff" })),
    ).toBe("conflict:user_email");
    expect(await fingerprint(x.orgId)).toBe(before);

    const fresh = uniqueEmail("fresh");
    // Nobody sets another person's password: one sent along is refused, and nothing is created.
    expect(
      await codeOf(
        (async () =>
          addMemberAccount(
            { orgId: x.orgId, by: asAdmin(x) },
            parseOrThrow(addMemberSchema, { email: fresh, name: "Fresh", role: "clinician", password: "a-long-password" }, "member"),
          ))(),
      ),
    ).toBe("validation");
    expect(await withPlatform((tx) => platformUsers(tx).findByEmail({ email: fresh }))).toBeUndefined();
    const created = await addMemberAccount({ orgId: x.orgId, by: asAdmin(x) }, { email: fresh, name: "Fresh Person", role: "clinician" });
    const account = await withPlatform((tx) => platformUsers(tx).findByEmail({ email: fresh }));
    expect(account?.passwordHash).toBeNull();
    expect(created).toMatchObject({ organizationId: x.orgId, userId: account!.id, role: "clinician" });

    const byOperator = await addMemberAccount({ orgId: x.orgId, by: operator }, { email: existing.email, name: "Ignored", role: "staff" });
    expect(byOperator).toMatchObject({ userId: existing.id, role: "staff" });
  });

  it("a refused membership leaves no new account behind (the plan's user limit)", async () => {
    const x = await hospital("atomic");
    await asOwner((sql) => sql`update organizations set plan = 'basic' where id = ${x.orgId}`);
    // Three members and two open invitations: Basic's five users.
    await openInvitation(x.orgId);
    await openInvitation(x.orgId);
    const email = uniqueEmail("one-too-many");
    expect(await codeOf(addMemberAccount({ orgId: x.orgId, by: operator }, { email, name: "One Too Many", role: "staff" }))).toBe(
      "plan_limit:users",
    );
    expect(await withPlatform((tx) => platformUsers(tx).findByEmail({ email }))).toBeUndefined();
  });
});

// ───────────── the REST doors, with the same rules ─────────────

function jsonRequest(url: string, method: string, body?: unknown): Request {
  return new Request(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe("the REST handlers call the same service", () => {
  it("PATCH/DELETE /api/v1/settings/members/{id}: an admin is refused on owners, an owner cannot leave no owner", async () => {
    const x = await hospital("rest-settings");
    const host = `${x.slug}.localhost`;
    const path = `/api/v1/settings/members/${x.ownerMembership}`;
    const params = { params: Promise.resolve({ membershipId: x.ownerMembership }) };

    arriveAs({ host, path, session: x.admin.session });
    const refused = await membersRoute.PATCH(jsonRequest(`http://${host}${path}`, "PATCH", { role: "staff" }), params);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden:permission" } });
    expect((await membersRoute.DELETE(jsonRequest(`http://${host}${path}`, "DELETE"), params)).status).toBe(403);

    arriveAs({ host, path, session: x.owner.session });
    const lastOwner = await membersRoute.DELETE(jsonRequest(`http://${host}${path}`, "DELETE"), params);
    expect(lastOwner.status).toBe(409);
    expect(await lastOwner.json()).toMatchObject({ error: { code: "conflict:last_owner" } });

    const staffPath = `/api/v1/settings/members/${x.staffMembership}`;
    const changed = await membersRoute.PATCH(jsonRequest(`http://${host}${staffPath}`, "PATCH", { role: "clinician" }), {
      params: Promise.resolve({ membershipId: x.staffMembership }),
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ data: { id: x.staffMembership, role: "clinician" } });
  });

  it("POST /api/v1/organizations/{id}/members: operators add by id; an admin is refused by id and for existing accounts", async () => {
    const x = await hospital("rest-org");
    const ops = await makeOperator();
    const newcomer = await person([], "rest-newcomer");
    const path = `/api/v1/organizations/${x.orgId}/members`;
    const params = { params: Promise.resolve({ id: x.orgId }) };
    const post = (body: unknown) => organizationMembersRoute.POST(jsonRequest(`http://localhost${path}`, "POST", body), params);

    arriveAs({ host: "localhost", path, session: x.admin.session });
    const byId = await post({ userId: newcomer.id, role: "staff" });
    expect(byId.status).toBe(403);
    expect(await byId.json()).toMatchObject({ error: { code: "forbidden:operator_only" } });
    const existing = await post({ email: newcomer.email, name: "Newcomer", role: "staff" });
    expect(existing.status).toBe(409);
    expect(await existing.json()).toMatchObject({ error: { code: "conflict:user_email" } });
    const owner = await post({ email: uniqueEmail("rest-owner"), name: "Owner Two", role: "owner" });
    expect(owner.status).toBe(403);

    arriveAs({ host: "localhost", path, session: ops.session });
    const added = await post({ userId: newcomer.id, role: "staff" });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ data: { organizationId: x.orgId, userId: newcomer.id, role: "staff" } });
  });
});
