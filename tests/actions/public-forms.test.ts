import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { ACCEPT_INVITATION_RATE_LIMIT, createInvitation, describeInvitation, INVITATION_DEAD } from "@/lib/administration/invitations";
import { SIGN_UP_RATE_LIMIT } from "@/lib/administration/sign-up";
import { SLUG_CHECK_RATE_LIMIT } from "@/lib/administration/slug-availability";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { CONFIRM_CONTACT_RATE_LIMIT, CONTACT_CONFIRMED_MESSAGE, confirmContactUrl, recordBookingContact } from "@/lib/patients/reconcile";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";
import { createOrganization } from "../support/fixtures";
import { asOwner } from "../support/owner";
import { arriveAs, fingerprint, person } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);

const { checkSlugAction, signUpAction } = await import("@/app/(platform)/sign-up/actions");
const { acceptInvitationAction, invitationOfferAction } = await import("@/app/org/[org]/invitations/[token]/actions");
const { confirmEmailAction } = await import("@/app/org/[org]/confirm-email/[token]/actions");
const signUpPOST = (await import("@/app/api/v1/organizations/route")).POST;
const slugGET = (await import("@/app/api/v1/signup/slug/route")).GET;
const invitationGET = (await import("@/app/api/v1/public/invitations/[token]/route")).GET;
const acceptPOST = (await import("@/app/api/v1/public/invitations/[token]/accept/route")).POST;
const confirmEmailPOST = (await import("@/app/api/v1/public/confirm-email/[token]/route")).POST;

// The sign-up page, the invitation page and a patient's confirm-email page call server actions.
// Each answers as its REST twin does (one service behind both) and counts against the twin's own
// allowance: using one door uses up the other.

const PASSWORD = "a long enough password 42";
const freshIp = () => `10.${crypto.randomInt(1, 255)}.${crypto.randomInt(255)}.${crypto.randomInt(1, 255)}`;
const hex = (n = 4) => crypto.randomBytes(n).toString("hex");

/** A visitor without a session, on `path` of the root domain (a hospital's pages are under /org/{slug}). */
function anonymousOn(path: string, ip = freshIp()) {
  arriveAs({ host: "localhost", path, session: null, headers: { "x-forwarded-for": ip } });
  return ip;
}

function request(url: string, method: "GET" | "POST", body?: unknown) {
  return new Request(`http://localhost${url}`, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}

const params = (p: Record<string, string> = {}) => ({ params: Promise.resolve(p) });

async function restError(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: body.error.code, message: body.error.message };
}

async function slugOf(orgId: string): Promise<string> {
  return (await withPlatform((tx) => platformOrganizations(tx).findById({ id: orgId })))!.slug;
}

async function mailKinds(email: string): Promise<string[]> {
  const rows = await asOwner(
    (sql) => sql<{ kind: string }[]>`select kind from account_messages where to_email = ${email} order by created_at, id`,
  );
  return rows.map((r) => r.kind);
}

async function organizationsWithSlug(slug: string): Promise<number> {
  const rows = await asOwner((sql) => sql<{ n: number }[]>`select count(*)::int as n from organizations where slug = ${slug}`);
  return rows[0]!.n;
}

describe("sign-up (signUpAction, checkSlugAction)", () => {
  const form = (slug: string, email: string) => ({
    name: `Riverside ${slug}`,
    slug,
    type: "clinic" as const,
    owner: { name: "Rita Owner", email, password: PASSWORD },
  });

  it("bad input gets a clear message beside each field, not a failure of the server, and creates nothing", async () => {
    const slug = `bad-${hex()}`;
    anonymousOn("/sign-up");
    const result = await signUpAction({ name: "R", slug: "No Spaces!", owner: { name: "", email: "not-an-address", password: "short" } });
    expect(result).toMatchObject({ ok: false, code: "validation", formError: expect.stringMatching(/highlighted fields/) });
    const fieldErrors = result.ok ? {} : result.fieldErrors;
    expect(Object.keys(fieldErrors)).toEqual(expect.arrayContaining(["slug", "owner.name", "owner.email", "owner.password"]));
    expect(fieldErrors["owner.email"]).toEqual(["Enter a valid e-mail address."]);
    expect(fieldErrors["owner.password"]).toEqual([expect.stringMatching(/at least/)]);
    anonymousOn("/sign-up");
    expect(await signUpAction({ ...form(slug, `x-${hex()}@example.test`), owner: { name: "x" } } as never)).toMatchObject({
      ok: false,
      code: "validation",
    });
    anonymousOn("/sign-up");
    expect(await signUpAction("nonsense" as never)).toMatchObject({ ok: false, code: "validation" });
    expect(await organizationsWithSlug(slug)).toBe(0);
  });

  it("creates the organization and mails the owner's confirmation; the answer is the REST endpoint's", async () => {
    const slug = `signup-${hex()}`;
    const email = `signup-owner-${hex()}@example.test`;
    anonymousOn("/sign-up");
    const result = await signUpAction(form(slug, email));
    expect(result).toMatchObject({
      ok: true,
      data: { data: { slug, plan: "basic", status: "active" }, ownerConfirmation: { status: "pending" } },
    });
    expect(await mailKinds(email)).toEqual(["confirm_address"]);
    // Nobody is a member yet: the owner is made when the address is confirmed.
    const orgId = result.ok ? result.data.data.id : "";
    expect(await asOwner((sql) => sql`select id from memberships where organization_id = ${orgId}`)).toHaveLength(0);

    const restSlug = `signup-${hex()}`;
    anonymousOn("/api/v1/organizations");
    const rest = await signUpPOST(request("/api/v1/organizations", "POST", form(restSlug, `signup-rest-${hex()}@example.test`)), params());
    expect(rest.status).toBe(201);
    const restBody = (await rest.json()) as Record<string, unknown>;
    expect(Object.keys(restBody).sort()).toEqual(Object.keys(result.ok ? result.data : {}).sort());
    expect(restBody.ownerConfirmation).toEqual(result.ok ? result.data.ownerConfirmation : null);
  });

  it("an address (slug) that is taken: the REST endpoint's conflict, beside the field; nothing else is created", async () => {
    const existing = await createOrganization("taken");
    const slug = await slugOf(existing.id);
    const email = `taken-${hex()}@example.test`;
    anonymousOn("/sign-up");
    const result = await signUpAction(form(slug, email));
    anonymousOn("/api/v1/organizations");
    const rest = await restError(await signUpPOST(request("/api/v1/organizations", "POST", form(slug, email)), params()));
    expect(rest).toEqual({ status: 409, code: "conflict:organization_slug", message: "That address (slug) is already taken." });
    expect(result).toEqual({ ok: false, code: rest.code, formError: rest.message, fieldErrors: {} });
    expect(await organizationsWithSlug(slug)).toBe(1);
    expect(await mailKinds(email)).toEqual([]);
  });

  it("an owner e-mail that already has an account answers exactly as a new one does (the mail differs, the answer does not)", async () => {
    const known = await person([], "signup-known");
    const stranger = `signup-new-${hex()}@example.test`;
    const shape = (r: Awaited<ReturnType<typeof signUpAction>>) =>
      r.ok ? { keys: Object.keys(r.data.data).sort(), ownerConfirmation: r.data.ownerConfirmation, extra: Object.keys(r.data).sort() } : r;
    anonymousOn("/sign-up");
    const forKnown = await signUpAction(form(`known-${hex()}`, known.email));
    anonymousOn("/sign-up");
    const forNew = await signUpAction(form(`fresh-${hex()}`, stranger));
    expect(forKnown.ok).toBe(true);
    expect(shape(forKnown)).toEqual(shape(forNew));
    expect(await mailKinds(known.email)).toEqual(["owner_notice"]);
    expect(await mailKinds(stranger)).toEqual(["confirm_address"]);
    // The REST endpoint answers the known address the same way.
    anonymousOn("/api/v1/organizations");
    const rest = await signUpPOST(request("/api/v1/organizations", "POST", form(`known-${hex()}`, known.email)), params());
    expect(rest.status).toBe(201);
    expect(((await rest.json()) as { ownerConfirmation: unknown }).ownerConfirmation).toEqual(
      forNew.ok ? forNew.data.ownerConfirmation : null,
    );
  });

  it("the REST endpoint's hourly allowance per address holds through the action, and the action's use counts against the endpoint", async () => {
    const ip = freshIp();
    for (let i = 0; i < SIGN_UP_RATE_LIMIT.limit; i++) {
      anonymousOn("/sign-up", ip);
      expect(await signUpAction({} as never)).toMatchObject({ ok: false, code: "validation" });
    }
    const slug = `flood-${hex()}`;
    anonymousOn("/sign-up", ip);
    expect(await signUpAction(form(slug, `flood-${hex()}@example.test`))).toEqual({
      ok: false,
      code: "rate_limited",
      formError: SIGN_UP_RATE_LIMIT.message,
      fieldErrors: {},
    });
    anonymousOn("/api/v1/organizations", ip);
    const rest = await signUpPOST(request("/api/v1/organizations", "POST", form(slug, `flood-${hex()}@example.test`)), params());
    expect(await restError(rest)).toEqual({ status: 429, code: "rate_limited", message: SIGN_UP_RATE_LIMIT.message });
    expect(await organizationsWithSlug(slug)).toBe(0);
  });

  it("the live address check answers as the REST check does and shares its allowance", async () => {
    const existing = await createOrganization("slugcheck");
    const slug = await slugOf(existing.id);
    anonymousOn("/sign-up");
    const taken = await checkSlugAction({ slug: slug.toUpperCase() });
    expect(taken).toMatchObject({ ok: true, data: { slug, available: false, reason: "That address is already taken." } });
    anonymousOn("/api/v1/signup/slug");
    const rest = await slugGET(request(`/api/v1/signup/slug?slug=${slug}`, "GET"), params());
    expect(await rest.json()).toEqual({ data: taken.ok ? taken.data : null });
    anonymousOn("/sign-up");
    expect(await checkSlugAction({ slug: 42 } as never)).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { slug: expect.any(Array) },
    });

    const ip = freshIp();
    for (let i = 0; i < SLUG_CHECK_RATE_LIMIT.limit; i++) {
      anonymousOn("/sign-up", ip);
      expect(await checkSlugAction({ slug: "x" })).toMatchObject({ ok: true, data: { available: false } });
    }
    anonymousOn("/sign-up", ip);
    expect(await checkSlugAction({ slug: "x" })).toMatchObject({
      ok: false,
      code: "rate_limited",
      formError: SLUG_CHECK_RATE_LIMIT.message,
    });
    anonymousOn("/api/v1/signup/slug", ip);
    expect((await slugGET(request("/api/v1/signup/slug?slug=x", "GET"), params())).status).toBe(429);
  });
});

describe("accepting an invitation (invitationOfferAction, acceptInvitationAction)", () => {
  async function invited(orgId: string, email: string | null = `invited-${hex()}@example.test`) {
    const { token } = await withTenant(orgId, (tx) => createInvitation(tx, orgId, { email, role: "staff", invitedBy: null }));
    return { token, email };
  }
  const onPage = (slug: string, token: string, ip?: string) => anonymousOn(`/org/${slug}/invitations/${token}`, ip);
  const restOf = (slug: string, token: string, suffix = "") => `/org/${slug}/api/v1/public/invitations/${token}${suffix}`;

  it("shows what the link offers as the REST endpoint does; a made-up token gets the same refusal", async () => {
    const org = await createOrganization("invite-view");
    const slug = await slugOf(org.id);
    const { token, email } = await invited(org.id);
    onPage(slug, token);
    const offer = await invitationOfferAction({ token });
    expect(offer).toMatchObject({ ok: true, data: { email, role: "staff", organization: { slug } } });
    anonymousOn(restOf(slug, token));
    const rest = await invitationGET(request(restOf(slug, token), "GET"), params({ token }));
    expect(JSON.parse(JSON.stringify({ data: offer.ok ? offer.data : null }))).toEqual(await rest.json());

    const madeUp = crypto.randomBytes(24).toString("base64url");
    onPage(slug, madeUp);
    expect(await invitationOfferAction({ token: madeUp })).toEqual({
      ok: false,
      code: "not_found:invitation",
      formError: INVITATION_DEAD,
      fieldErrors: {},
    });
    anonymousOn(restOf(slug, madeUp));
    expect(await restError(await invitationGET(request(restOf(slug, madeUp), "GET"), params({ token: madeUp })))).toEqual({
      status: 404,
      code: "not_found:invitation",
      message: INVITATION_DEAD,
    });
  });

  it("bad input gets a clear message beside each field; the invitation stays usable", async () => {
    const org = await createOrganization("invite-bad");
    const slug = await slugOf(org.id);
    const { token, email } = await invited(org.id);
    onPage(slug, token);
    const result = await acceptInvitationAction({ token, email: "nope", name: "", password: "short" });
    expect(result).toMatchObject({ ok: false, code: "validation", formError: "Please correct the 3 highlighted fields." });
    expect(result.ok ? null : Object.keys(result.fieldErrors).sort()).toEqual(["email", "name", "password"]);
    onPage(slug, token);
    expect(await acceptInvitationAction({} as never)).toMatchObject({ ok: false, code: "validation" });
    onPage(slug, token);
    expect(await acceptInvitationAction({ token: 7 } as never)).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { token: expect.any(Array) },
    });
    expect(await describeInvitation(org.id, token)).toMatchObject({ email });
  });

  it("creates the account and membership once; a used or expired link then gets the REST endpoint's refusal", async () => {
    const org = await createOrganization("invite-accept");
    const slug = await slugOf(org.id);
    const { token, email } = await invited(org.id);
    onPage(slug, token);
    const accepted = await acceptInvitationAction({ token, email: email!, name: "New Staff", password: PASSWORD });
    expect(accepted).toMatchObject({ ok: true, data: { role: "staff", organization: { id: org.id, slug } } });
    const userId = accepted.ok && "userId" in accepted.data ? accepted.data.userId : "";
    expect(await withTenant(org.id, (tx) => membershipsRepo(tx, org.id).findByUser({ userId }))).toMatchObject({ role: "staff" });

    const refusal = { ok: false, code: "not_found:invitation", formError: INVITATION_DEAD, fieldErrors: {} };
    const rest = async (t: string, body: unknown) => {
      anonymousOn(restOf(slug, t, "/accept"));
      return restError(await acceptPOST(request(restOf(slug, t, "/accept"), "POST", body), params({ token: t })));
    };
    const dead = { status: 404, code: "not_found:invitation", message: INVITATION_DEAD };
    // Used.
    onPage(slug, token);
    expect(await acceptInvitationAction({ token, email: email!, name: "Again", password: PASSWORD })).toEqual(refusal);
    expect(await rest(token, { email, name: "Again", password: PASSWORD })).toEqual(dead);
    // Expired.
    const second = await invited(org.id);
    await asOwner((sql) => sql`update invitations set expires_at = now() - interval '1 second' where email = ${second.email}`);
    onPage(slug, second.token);
    expect(await acceptInvitationAction({ token: second.token, email: second.email!, name: "Late", password: PASSWORD })).toEqual(refusal);
    expect(await rest(second.token, { email: second.email, name: "Late", password: PASSWORD })).toEqual(dead);
    expect(await mailKinds(second.email!)).toEqual([]);
  });

  it("another hospital's invitation on this hospital's site is refused, signed in or not, and nothing changes at either", async () => {
    const here = await createOrganization("invite-here");
    const there = await createOrganization("invite-there");
    const hereSlug = await slugOf(here.id);
    const { token, email } = await invited(there.id);
    const invitee = await person([], "invite-foreign");
    const before = { here: await fingerprint(here.id), there: await fingerprint(there.id) };

    onPage(hereSlug, token);
    expect(await invitationOfferAction({ token })).toMatchObject({ ok: false, code: "not_found:invitation" });
    onPage(hereSlug, token);
    expect(await acceptInvitationAction({ token, email: email!, name: "Foreign", password: PASSWORD })).toMatchObject({
      ok: false,
      code: "not_found:invitation",
    });
    arriveAs({
      host: "localhost",
      path: `/org/${hereSlug}/invitations/${token}`,
      session: invitee.session,
      headers: { "x-forwarded-for": freshIp() },
    });
    expect(await acceptInvitationAction({ token })).toMatchObject({ ok: false, code: "not_found:invitation" });
    // The payload cannot name the other organization.
    onPage(hereSlug, token);
    expect(
      await acceptInvitationAction({ token, email: email!, name: "Foreign", password: PASSWORD, organizationId: there.id } as never),
    ).toMatchObject({ ok: false, code: "not_found:invitation" });

    expect(await fingerprint(here.id)).toBe(before.here);
    expect(await fingerprint(there.id)).toBe(before.there);
    expect(await describeInvitation(there.id, token)).toMatchObject({ email });
    expect(await asOwner((sql) => sql`select id from users where email = ${email!}`)).toHaveLength(0);
  });

  it("signed in: joins as that account; an invitation for another address is refused as REST refuses it", async () => {
    const org = await createOrganization("invite-signed-in");
    const slug = await slugOf(org.id);
    const member = await person([], "invite-member");
    const mine = await invited(org.id, member.email);
    const other = await invited(org.id);
    const signedIn = (token: string) =>
      arriveAs({
        host: "localhost",
        path: `/org/${slug}/invitations/${token}`,
        session: member.session,
        headers: { "x-forwarded-for": freshIp() },
      });

    signedIn(other.token);
    const refused = await acceptInvitationAction({ token: other.token });
    expect(refused).toMatchObject({ ok: false, code: "invalid:invitation_email" });
    arriveAs({
      host: "localhost",
      path: restOf(slug, other.token, "/accept"),
      session: member.session,
      headers: { origin: "http://localhost", "x-forwarded-for": freshIp() },
    });
    const rest = await restError(
      await acceptPOST(request(restOf(slug, other.token, "/accept"), "POST", {}), params({ token: other.token })),
    );
    expect(rest).toEqual({ status: 400, code: "invalid:invitation_email", message: refused.ok ? "" : refused.formError });
    expect(await describeInvitation(org.id, other.token)).toMatchObject({ email: other.email });

    signedIn(mine.token);
    expect(await acceptInvitationAction({ token: mine.token })).toMatchObject({ ok: true, data: { userId: member.id, role: "staff" } });
    expect(await withTenant(org.id, (tx) => membershipsRepo(tx, org.id).findByUser({ userId: member.id }))).toMatchObject({
      role: "staff",
    });
  });

  it("a suspended organization's invitation page is refused as the REST endpoint refuses it", async () => {
    const org = await createOrganization("invite-suspended");
    const slug = await slugOf(org.id);
    const { token, email } = await invited(org.id);
    await asOwner((sql) => sql`update organizations set status = 'suspended' where id = ${org.id}`);
    try {
      onPage(slug, token);
      const view = await invitationOfferAction({ token });
      onPage(slug, token);
      const accept = await acceptInvitationAction({ token, email: email!, name: "Suspended", password: PASSWORD });
      anonymousOn(restOf(slug, token, "/accept"));
      const rest = await restError(
        await acceptPOST(
          request(restOf(slug, token, "/accept"), "POST", { email, name: "Suspended", password: PASSWORD }),
          params({ token }),
        ),
      );
      expect(rest).toMatchObject({ status: 403, code: "forbidden:organization_suspended" });
      for (const r of [view, accept]) expect(r).toEqual({ ok: false, code: rest.code, formError: rest.message, fieldErrors: {} });
      expect(await describeInvitation(org.id, token)).toMatchObject({ email });
    } finally {
      await asOwner((sql) => sql`update organizations set status = 'active' where id = ${org.id}`);
    }
  });

  it("guessing links: the REST endpoint's limit holds through the action and both doors share it", async () => {
    const org = await createOrganization("invite-flood");
    const slug = await slugOf(org.id);
    const ip = freshIp();
    for (let i = 0; i < ACCEPT_INVITATION_RATE_LIMIT.limit; i++) {
      onPage(slug, "x", ip);
      expect(
        await acceptInvitationAction({ token: `guess-${i}`.padEnd(24, "x"), email: "g@example.test", name: "G", password: PASSWORD }),
      ).toMatchObject({ code: "not_found:invitation" });
    }
    onPage(slug, "x", ip);
    expect(await acceptInvitationAction({ token: "guess-last".padEnd(24, "x") })).toEqual({
      ok: false,
      code: "rate_limited",
      formError: ACCEPT_INVITATION_RATE_LIMIT.message,
      fieldErrors: {},
    });
    const t = "guess-last".padEnd(24, "x");
    anonymousOn(restOf(slug, t, "/accept"), ip);
    expect((await acceptPOST(request(restOf(slug, t, "/accept"), "POST", {}), params({ token: t }))).status).toBe(429);
  });
});

describe("a patient's confirm-email link (confirmEmailAction)", () => {
  const request_ = { requestId: "confirm-email-test", ip: "10.3.3.3", userAgent: "vitest" };

  /** An online booking's unverified contact record and its confirmation link's token. */
  async function bookingContact(orgId: string) {
    const email = `confirm-${hex()}@example.test`;
    const patient = await runAsPublic({ orgId, request: request_ }, (ctx) =>
      recordBookingContact(ctx, { firstName: "Cora", lastName: `Firm${hex(2)}`, dateOfBirth: "1985-04-12", email }),
    );
    const slug = await slugOf(orgId);
    const token = /\/confirm-email\/(.+)$/.exec(confirmContactUrl(slug, orgId, patient.id))![1]!;
    return { patientId: patient.id, token, slug };
  }

  async function recordStatus(id: string): Promise<string> {
    const rows = await asOwner((sql) => sql<{ record_status: string }[]>`select record_status from patients where id = ${id}`);
    return rows[0]!.record_status;
  }

  const onPage = (slug: string, token: string, ip?: string) => anonymousOn(`/org/${slug}/confirm-email/${token}`, ip);
  const restUrl = (slug: string, token: string) => `/org/${slug}/api/v1/public/confirm-email/${token}`;
  async function rest(slug: string, token: string, ip?: string) {
    anonymousOn(restUrl(slug, token), ip);
    return confirmEmailPOST(request(restUrl(slug, token), "POST", {}), params({ token }));
  }

  it("a token that is not text gets a clear message; a good link confirms, and answers the same again, as REST does", async () => {
    const org = await createOrganization("confirm-email");
    const { patientId, token, slug } = await bookingContact(org.id);
    onPage(slug, token);
    expect(await confirmEmailAction({ token: 42 } as never)).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { token: expect.any(Array) },
    });
    expect(await recordStatus(patientId)).toBe("unverified");

    onPage(slug, token);
    const done = await confirmEmailAction({ token });
    expect(done).toEqual({ ok: true, data: { confirmed: true, message: CONTACT_CONFIRMED_MESSAGE } });
    expect(await recordStatus(patientId)).toBe("active");
    onPage(slug, token);
    expect(await confirmEmailAction({ token })).toEqual(done);
    const again = await rest(slug, token);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ data: done.ok ? done.data : null });
  });

  it("a made-up, tampered or another hospital's link gets the REST endpoint's refusal, and no record changes", async () => {
    const here = await createOrganization("confirm-here");
    const there = await createOrganization("confirm-there");
    const hereSlug = await slugOf(here.id);
    const foreign = await bookingContact(there.id);
    const before = { here: await fingerprint(here.id), there: await fingerprint(there.id) };
    const madeUp = `${Buffer.from("{}").toString("base64url")}.abc`;
    const tampered = `${foreign.token.slice(0, -2)}xx`;
    for (const t of [foreign.token, madeUp, tampered]) {
      onPage(hereSlug, t);
      const action = await confirmEmailAction({ token: t });
      const answer = await restError(await rest(hereSlug, t));
      expect(answer).toMatchObject({ status: 404, code: "not_found:patient" });
      expect(action).toEqual({ ok: false, code: answer.code, formError: answer.message, fieldErrors: {} });
    }
    expect(await recordStatus(foreign.patientId)).toBe("unverified");
    expect(await fingerprint(here.id)).toBe(before.here);
    expect(await fingerprint(there.id)).toBe(before.there);
  });

  it("a suspended hospital's page is refused as the REST endpoint refuses it", async () => {
    const org = await createOrganization("confirm-suspended");
    const { patientId, token, slug } = await bookingContact(org.id);
    await asOwner((sql) => sql`update organizations set status = 'suspended' where id = ${org.id}`);
    try {
      onPage(slug, token);
      const action = await confirmEmailAction({ token });
      const answer = await restError(await rest(slug, token));
      expect(answer).toMatchObject({ status: 403, code: "forbidden:organization_suspended" });
      expect(action).toEqual({ ok: false, code: answer.code, formError: answer.message, fieldErrors: {} });
      expect(await recordStatus(patientId)).toBe("unverified");
    } finally {
      await asOwner((sql) => sql`update organizations set status = 'active' where id = ${org.id}`);
    }
  });

  it("the REST endpoint's limit holds through the action and both doors share it", async () => {
    const org = await createOrganization("confirm-flood");
    const { patientId, token, slug } = await bookingContact(org.id);
    const ip = freshIp();
    for (let i = 0; i < CONFIRM_CONTACT_RATE_LIMIT.limit; i++) {
      onPage(slug, "x", ip);
      expect(await confirmEmailAction({ token: `guess-${i}` })).toMatchObject({ ok: false, code: "not_found:patient" });
    }
    onPage(slug, token, ip);
    expect(await confirmEmailAction({ token })).toMatchObject({ ok: false, code: "rate_limited" });
    expect((await rest(slug, token, ip)).status).toBe(429);
    expect(await recordStatus(patientId)).toBe("unverified");
    // Another address is not held back.
    onPage(slug, token);
    expect(await confirmEmailAction({ token })).toMatchObject({ ok: true });
  });
});
