import { accountLink } from "./support/account-mail";
import { expect, test } from "@playwright/test";
import { sessionCookieFrom } from "./support/api";
import {
  anonymous,
  type Caller,
  invitationToken,
  NEW_PASSWORD,
  onPort,
  operator,
  organizationWithOwner,
  ROOT_HOSTNAME,
  signInApi,
  signInWithForm,
  tag,
  uniqueEmail,
  uniqueSlug,
  withSession,
  writeTxtRecords,
  type Created,
  type OrganizationJson,
} from "./support/admin-api";
import { ROOT } from "./support/hosts";
import { PERSONAS } from "./support/personas";
import { expectError, expectStatus } from "./support/public-client";
import { hostOf, METRO } from "./support/tenants";

// A hospital joins and is run by its own admins. Onboarding (create, add the domain, add the
// admin, turn on the settings) through the REST endpoints with the operator token, then everything its admin does
// without one — and nobody else can do any of it.

type Settings = {
  enableOnlineBooking: boolean;
  enableTelehealth: boolean;
  defaultAppointmentDuration: number;
  businessHours: Record<string, { start: string; end: string; isOpen: boolean }>;
};
type OrganizationDetail = OrganizationJson & {
  settings: Settings;
  branding: { displayName: string };
  domains: { domain: string; isPrimary: boolean; verifiedAt: string | null }[];
};
type Member = { id?: string; userId?: string; email: string; name?: string; role: string; status: string };
type Domain = {
  id: string;
  domain: string;
  isPrimary: boolean;
  verifiedAt: string | null;
  verification: { type: string; name: string; value: string } | null;
};

const metroAdmin = () => sessionCookieFrom(PERSONAS.attacker.storageState);

/** Onboarding step 1's body (Metro General's), with a slug of this run's own. */
function guideHospital(slug: string) {
  return {
    name: "Metro General Hospital",
    slug,
    type: "hospital",
    address: { street: "123 Medical Center Dr", city: "New York", state: "NY", zip: "10001", country: "USA" },
    contactInfo: { phone: "+1-555-0100", email: "info@metrogeneral.com" },
  };
}

/** Onboarding step 4's body, as written. */
const GUIDE_SETTINGS = {
  enableOnlineBooking: true,
  enableTelehealth: true,
  businessHours: { monday: { start: "09:00", end: "17:00", isOpen: true } },
  defaultAppointmentDuration: 30,
};

/** GET /api/v1/settings/members: the members (open invitations are listed beside them). */
async function members(admin: Caller): Promise<Member[]> {
  return (await admin.json<{ data: { members: Member[]; invitations: unknown[] } }>("/api/v1/settings/members")).data.members;
}

test.describe("the onboarding sequence through REST, then run by its own admin", () => {
  let org: OrganizationJson;
  let host: string;
  let adminEmail: string;
  let admin: Caller;

  // Steps 1–3 with the operator token. Re-run in a fresh worker after a failure: a new hospital.
  test.beforeAll(async () => {
    const slug = uniqueSlug("metro-general");
    const op = operator();

    // Step 1: Organization Registration
    const created = await op.post<Created>("/api/v1/organizations", guideHospital(slug));
    expectStatus(created, 201, "Step 1: POST /api/v1/organizations with the operator token");
    org = created.body.data;
    expect(org).toMatchObject({ ...guideHospital(slug), plan: "basic", status: "active", domain: `${slug}.${ROOT_HOSTNAME}` });
    host = hostOf(slug);

    // Step 2: Domain Setup ("metro-general.agentcare.com" with agentcare.com read as ROOT_DOMAIN)
    const domain = await op.post<{ data: Domain }>(`/api/v1/organizations/${org.id}/domains`, {
      domain: `${slug}.${ROOT_HOSTNAME}`,
      isPrimary: true,
    });
    expectStatus(domain, 201, "Step 2: POST /api/v1/organizations/{id}/domains");
    expect(domain.body.data).toMatchObject({ domain: `${slug}.${ROOT_HOSTNAME}`, isPrimary: true, verification: null });
    expect(domain.body.data.verifiedAt).not.toBeNull();

    // Step 3: Admin User Creation (userService.createUser + organizationService.addUser in one call)
    adminEmail = uniqueEmail("admin.metrogeneral");
    const member = await op.post<{ data: Member & { organizationId: string } }>(`/api/v1/organizations/${org.id}/members`, {
      email: adminEmail,
      name: "Hospital Administrator",
      role: "admin",
    });
    expectStatus(member, 201, "Step 3: POST /api/v1/organizations/{id}/members");
    expect(member.body.data).toMatchObject({ organizationId: org.id, role: "admin", status: "active" });
    // Nobody sets another person's password: the administrator chooses theirs through the reset link.
    await anonymous().post("/api/v1/account/password-reset", { email: adminEmail });
    const resetToken = (await accountLink(adminEmail, "reset-password")).split("/reset-password/")[1]!;
    expectStatus(
      await anonymous().post(`/api/v1/account/password-reset/${resetToken}`, { password: NEW_PASSWORD }),
      200,
      "Step 3: the administrator sets their own password",
    );

    admin = withSession(host, await signInApi(host, adminEmail, NEW_PASSWORD));
  });

  test("Steps 1–3: the hospital routes on its subdomain, has default settings and branding, and its admin", async ({ request }) => {
    const detail = (await operator().json<{ data: OrganizationDetail }>(`/api/v1/organizations/${org.id}`)).data;
    expect(detail.branding.displayName).toBe("Metro General Hospital");
    expect(detail.domains).toEqual([expect.objectContaining({ domain: `${org.slug}.${ROOT_HOSTNAME}`, isPrimary: true })]);
    expect(detail.settings.defaultAppointmentDuration).toBeGreaterThan(0);

    const home = await request.get(`http://127.0.0.1:${ROOT.split(":")[1]}/`, { headers: { host }, failOnStatusCode: false });
    expect(home.status()).toBe(200);
    expect(await home.text()).toContain("Metro General Hospital");

    const list = await members(admin);
    expect(list).toEqual([expect.objectContaining({ email: adminEmail, role: "admin", status: "active" })]);

    // A signed-in platform operator (ops@agentcare.dev) may read it too; the admin may read its own.
    const ops = withSession(ROOT, sessionCookieFrom(PERSONAS.admin.storageState));
    expect((await ops.json<{ data: OrganizationDetail }>(`/api/v1/organizations/${org.id}`)).data.id).toBe(org.id);
    expect(
      (await withSession(ROOT, admin.headers.cookie!).json<{ data: OrganizationDetail }>(`/api/v1/organizations/${org.id}`)).data.id,
    ).toBe(org.id);
  });

  test("Step 4: PATCH /api/v1/organizations/{id}/settings with the onboarding body, as written", async () => {
    const reply = await operator().patch<{ data: Settings }>(`/api/v1/organizations/${org.id}/settings`, GUIDE_SETTINGS);
    expectStatus(reply, 200, "Step 4 as sent by onboarding (enableTelehealth: true on a hospital created with no plan)");
    expect(reply.body.data).toMatchObject({
      enableOnlineBooking: true,
      enableTelehealth: true,
      defaultAppointmentDuration: 30,
      businessHours: { monday: { start: "09:00", end: "17:00", isOpen: true } },
    });
    // Other weekdays keep their defaults.
    expect(Object.keys(reply.body.data.businessHours).sort()).toEqual([
      "friday",
      "monday",
      "saturday",
      "sunday",
      "thursday",
      "tuesday",
      "wednesday",
    ]);
  });

  test("its admin changes settings without an operator: PATCH …/settings and /api/v1/settings/scheduling", async () => {
    const byOrgApi = await withSession(ROOT, admin.headers.cookie!).patch<{ data: Settings }>(`/api/v1/organizations/${org.id}/settings`, {
      enableOnlineBooking: true,
      defaultAppointmentDuration: 45,
      businessHours: { saturday: { start: "10:00", end: "14:00", isOpen: true } },
    });
    expectStatus(byOrgApi, 200, "the admin's PATCH /api/v1/organizations/{id}/settings");
    expect(byOrgApi.body.data).toMatchObject({
      defaultAppointmentDuration: 45,
      businessHours: { saturday: { start: "10:00", end: "14:00", isOpen: true } },
    });

    const byConsole = await admin.patch<{ data: Settings }>("/api/v1/settings/scheduling", { defaultAppointmentDuration: 40 });
    expectStatus(byConsole, 200, "the admin's PATCH /api/v1/settings/scheduling");
    expect(byConsole.body.data.defaultAppointmentDuration).toBe(40);
  });

  test("the admin signs in through the form on the new subdomain and lands on its dashboard", async ({ browser }) => {
    await signInWithForm(browser, org.slug, adminEmail, NEW_PASSWORD, "Metro General Hospital");
  });

  test("without the token or a membership nobody adds members or changes settings, and nothing changes", async () => {
    const op = operator();
    const before = (await op.json<{ data: OrganizationDetail }>(`/api/v1/organizations/${org.id}`)).data;
    const membersBefore = await members(admin);
    const intruder = uniqueEmail("intruder");
    const addMember = { email: intruder, name: "Intruder", role: "owner" };
    const patch = { defaultAppointmentDuration: 5, enableOnlineBooking: !before.settings.enableOnlineBooking };

    // Signed out, or a wrong operator token: 401.
    for (const caller of [anonymous(), anonymous().with({ authorization: "Bearer not-the-operator-token-0123456789" })]) {
      expectError(await caller.post(`/api/v1/organizations/${org.id}/members`, addMember), 401);
      expectError(await caller.patch(`/api/v1/organizations/${org.id}/settings`, patch), 401);
      expectError(await caller.post(`/api/v1/organizations/${org.id}/domains`, { domain: `x-${tag()}.example` }), 401);
      expectError(await caller.get(`/api/v1/organizations/${org.id}`), 401);
    }

    // Metro General's owner — an admin, but of another organization: 403, by id, host or selector.
    const metro = withSession(ROOT, metroAdmin());
    expectError(await metro.post(`/api/v1/organizations/${org.id}/members`, addMember), 403);
    expectError(await metro.patch(`/api/v1/organizations/${org.id}/settings`, patch), 403);
    expectError(await metro.post(`/api/v1/organizations/${org.id}/domains`, { domain: `x-${tag()}.example` }), 403);
    expectError(await metro.get(`/api/v1/organizations/${org.id}`), 403);
    expectError(await metro.at(host).patch("/api/v1/settings/scheduling", patch), 403);
    expectError(await metro.at(host).get("/api/v1/settings/members"), 403);
    expectError(await metro.at(host).post("/api/v1/settings/invitations", { email: intruder, role: "admin" }), 403);
    expectError(await metro.with({ "x-organization-id": org.id }).patch("/api/v1/settings/scheduling", patch), 403);
    expectError(
      await metro.at(`${METRO.slug}.${ROOT}`).with({ "x-organization-id": org.id }).patch("/api/v1/settings/scheduling", patch),
      403,
    );

    const after = (await op.json<{ data: OrganizationDetail }>(`/api/v1/organizations/${org.id}`)).data;
    expect(after.settings).toEqual(before.settings);
    expect(after.domains).toEqual(before.domains);
    const membersAfter = await members(admin);
    expect(membersAfter).toEqual(membersBefore);
    expect(JSON.stringify(membersAfter)).not.toContain(intruder);
  });

  test.describe("invitations", () => {
    test("the admin invites a clinician, who accepts with a new account, signs in, and sees only their own schedule", async ({
      browser,
    }) => {
      const email = uniqueEmail("dr.new");
      const invite = await admin.post<{ data: { id: string; email: string; role: string; url: string; expiresAt: string } }>(
        "/api/v1/settings/invitations",
        {
          email,
          role: "clinician",
        },
      );
      expectStatus(invite, 201, "POST /api/v1/settings/invitations");
      expect(invite.body.data).toMatchObject({ email, role: "clinician" });
      expect(new URL(invite.body.data.url).host).toBe(host);
      expect(new Date(invite.body.data.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const token = invitationToken(invite.body.data.url);

      const visitor = anonymous(host);
      const described = await visitor.get<{ data: { email: string; role: string; organization: { name: string; slug: string } } }>(
        `/api/v1/public/invitations/${token}`,
      );
      expectStatus(described, 200, "GET /api/v1/public/invitations/{token}");
      expect(described.body.data).toMatchObject({
        email,
        role: "clinician",
        organization: { name: "Metro General Hospital", slug: org.slug },
      });

      const accepted = await visitor.post<{ data: { role: string; organization: { id: string } } }>(
        `/api/v1/public/invitations/${token}/accept`,
        {
          email,
          name: "Dr. New Clinician",
          password: NEW_PASSWORD,
        },
      );
      expectStatus(accepted, 201, "POST /api/v1/public/invitations/{token}/accept with a new account");
      expect(accepted.body.data).toMatchObject({ role: "clinician", organization: { id: org.id } });

      // Single use: the same token again is a 404, for anyone.
      expectError(
        await anonymous(host).post(`/api/v1/public/invitations/${token}/accept`, {
          email: uniqueEmail("late"),
          name: "Late",
          password: NEW_PASSWORD,
        }),
        404,
      );
      expectError(await anonymous(host).get(`/api/v1/public/invitations/${token}`), 404);

      expect(await members(admin)).toContainEqual(expect.objectContaining({ email, role: "clinician", status: "active" }));

      const cookie = await signInWithForm(browser, org.slug, email, NEW_PASSWORD, "Metro General Hospital");
      const clinician = withSession(host, cookie);
      const appointments = await clinician.get<{ data: unknown[]; scope: string }>("/api/v1/appointments");
      expectStatus(appointments, 200, "the clinician's GET /api/v1/appointments");
      expect(appointments.body.scope).toBe("own");

      // A clinician runs nothing: no settings, no members, no invitations, no organization API.
      expectError(await clinician.patch("/api/v1/settings/scheduling", { defaultAppointmentDuration: 15 }), 403);
      expectError(await clinician.post("/api/v1/settings/invitations", { email: uniqueEmail("friend"), role: "admin" }), 403);
      expectError(
        await clinician
          .at(ROOT)
          .post(`/api/v1/organizations/${org.id}/members`, { email: uniqueEmail("friend"), name: "Friend", role: "admin" }),
        403,
      );
    });

    test("an invitation of this hospital is a 404 on another hospital's host, and stays valid at home", async () => {
      const email = uniqueEmail("dr.cross");
      const invite = await admin.post<{ data: { url: string } }>("/api/v1/settings/invitations", { email, role: "clinician" });
      expectStatus(invite, 201, "POST /api/v1/settings/invitations");
      const token = invitationToken(invite.body.data.url);

      // Tried at Metro General — by its host and by path — with a new account's details each time.
      const metroHost = hostOf(METRO);
      const [byHost, byPath] = [uniqueEmail("cross.host"), uniqueEmail("cross.path")];
      expectError(await anonymous(metroHost).get(`/api/v1/public/invitations/${token}`), 404, "not_found:invitation");
      expectError(
        await anonymous(metroHost).post(`/api/v1/public/invitations/${token}/accept`, {
          email: byHost,
          name: "Dr. Cross",
          password: NEW_PASSWORD,
        }),
        404,
        "not_found:invitation",
      );
      expectError(
        await anonymous(ROOT).post(`/org/${METRO.slug}/api/v1/public/invitations/${token}/accept`, {
          email: byPath,
          name: "Dr. Cross",
          password: NEW_PASSWORD,
        }),
        404,
        "not_found:invitation",
      );

      // Nothing happened at Metro General, and the invitation still works where it belongs.
      const metroMembers = await withSession(metroHost, metroAdmin()).json<{ data: unknown }>("/api/v1/settings/members");
      for (const address of [email, byHost, byPath]) expect(JSON.stringify(metroMembers)).not.toContain(address);
      const accepted = await anonymous(host).post<{ data: { role: string } }>(`/api/v1/public/invitations/${token}/accept`, {
        email,
        name: "Dr. Cross",
        password: NEW_PASSWORD,
      });
      expectStatus(accepted, 201, "accepting at home after the refused attempts elsewhere");
      expect(await members(admin)).toContainEqual(expect.objectContaining({ email, role: "clinician" }));
    });
  });
});

test.describe("invitations that are refused leave nothing behind", () => {
  test("the accept endpoint does not tell whether an e-mail has an account", async () => {
    // A made-up token on any hospital's public host: an existing account's e-mail and a new one
    // must get the same answer (404), or the endpoint enumerates every hospital's users.
    const bogus = `${tag()}${"x".repeat(40)}`;
    const metroHost = hostOf(METRO);
    const existing = await anonymous(metroHost).post(`/api/v1/public/invitations/${bogus}/accept`, {
      email: "admin@sunsetclinic.com",
      name: "Probe",
      password: NEW_PASSWORD,
    });
    const fresh = await anonymous(metroHost).post(`/api/v1/public/invitations/${bogus}/accept`, {
      email: uniqueEmail("probe"),
      name: "Probe",
      password: NEW_PASSWORD,
    });
    expectError(fresh, 404, "not_found:invitation");
    expectError(existing, 404, "not_found:invitation");
  });

  test("a refused acceptance (used token, wrong e-mail) creates no account", async () => {
    // Its own Professional hospital: these invitations would outgrow Basic's five users.
    const org = await organizationWithOwner({ prefix: "refusals", plan: "professional" });
    const owner = org.owner.api;
    // Used token, with a new account's details.
    const first = uniqueEmail("dr.first");
    const invite = await owner.post<{ data: { url: string } }>("/api/v1/settings/invitations", { email: first, role: "clinician" });
    expectStatus(invite, 201, "POST /api/v1/settings/invitations");
    const token = invitationToken(invite.body.data.url);
    expectStatus(
      await anonymous(org.host).post(`/api/v1/public/invitations/${token}/accept`, { email: first, name: "First", password: NEW_PASSWORD }),
      201,
      "first acceptance",
    );

    const latecomer = uniqueEmail("dr.late");
    expectError(
      await anonymous(org.host).post(`/api/v1/public/invitations/${token}/accept`, {
        email: latecomer,
        name: "Late",
        password: NEW_PASSWORD,
      }),
      404,
    );

    // An invitation for one address, accepted with another.
    const addressed = uniqueEmail("dr.addressed");
    const other = uniqueEmail("dr.other");
    const second = await owner.post<{ data: { url: string } }>("/api/v1/settings/invitations", { email: addressed, role: "clinician" });
    expectStatus(second, 201, "POST /api/v1/settings/invitations");
    expectError(
      await anonymous(org.host).post(`/api/v1/public/invitations/${invitationToken(second.body.data.url)}/accept`, {
        email: other,
        name: "Other",
        password: NEW_PASSWORD,
      }),
      400,
      "invalid:invitation_email",
    );

    // This hospital's invitation tried on Metro General's host.
    const crossHost = uniqueEmail("dr.crosshost");
    const third = await owner.post<{ data: { url: string } }>("/api/v1/settings/invitations", {
      email: uniqueEmail("dr.third"),
      role: "clinician",
    });
    expectStatus(third, 201, "POST /api/v1/settings/invitations");
    expectError(
      await anonymous(hostOf(METRO)).post(`/api/v1/public/invitations/${invitationToken(third.body.data.url)}/accept`, {
        email: crossHost,
        name: "Cross",
        password: NEW_PASSWORD,
      }),
      404,
    );

    // None of the refused addresses has an account: each can still accept an invitation of its own.
    for (const email of [latecomer, other, crossHost]) {
      const fresh = await owner.post<{ data: { url: string } }>("/api/v1/settings/invitations", { email, role: "staff" });
      expectStatus(fresh, 201, `inviting ${email}`);
      const accepted = await anonymous(org.host).post(`/api/v1/public/invitations/${invitationToken(fresh.body.data.url)}/accept`, {
        email,
        name: "Now invited",
        password: NEW_PASSWORD,
      });
      expectStatus(
        accepted,
        201,
        `${email} accepting a real invitation after an earlier refused attempt (409 user_email = the refused attempt created the account)`,
      );
    }
  });
});

test.describe("self-service sign-up through POST /api/v1/organizations", () => {
  type SlugCheck = { data: { slug: string; available: boolean; reason: string | null; suggestions: string[] } };

  test("with an owner: 201, the owner's account and membership, and the slug is taken from then on", async () => {
    const slug = uniqueSlug("riverside");
    const before = await anonymous().json<SlugCheck>(`/api/v1/signup/slug?slug=${slug}`);
    expect(before.data).toMatchObject({ slug, available: true, reason: null, suggestions: [] });

    const email = uniqueEmail("owner.riverside");
    const reply = await anonymous().post<Created>("/api/v1/organizations", {
      name: "Riverside Clinic",
      slug,
      type: "clinic",
      address: { city: "Portland", state: "OR" },
      contactInfo: { phone: "+1 555 0300", email: "front@riverside.example" },
      timeZone: "America/Los_Angeles",
      owner: { email, name: "Riverside Owner", password: NEW_PASSWORD },
    });
    expectStatus(reply, 201, "self-service sign-up with an owner");
    expect(reply.body.data).toMatchObject({
      name: "Riverside Clinic",
      slug,
      type: "clinic",
      plan: "basic",
      timeZone: "America/Los_Angeles",
      domain: `${slug}.${ROOT_HOSTNAME}`,
    });
    expect(reply.body).not.toHaveProperty("ownerClaimUrl");
    expect(reply.body).toMatchObject({ ownerConfirmation: { status: "pending" } });

    // Nobody can sign in as the owner until the address is confirmed from the e-mail.
    await expect(signInApi(hostOf(slug), email, NEW_PASSWORD)).rejects.toThrow();
    const token = (await accountLink(email, "confirm")).split("/confirm/")[1]!;
    expectStatus(await anonymous().post(`/api/v1/signup/confirm/${token}`, {}), 200, "confirming the owner's address");

    const owner = withSession(hostOf(slug), await signInApi(hostOf(slug), email, NEW_PASSWORD));
    expect(await members(owner)).toEqual([expect.objectContaining({ email, role: "owner", status: "active" })]);
    const usage = await owner.json<{ data: { users: { used: number } } }>("/api/v1/settings/usage");
    expect(usage.data.users.used).toBe(1);

    const after = await anonymous().json<SlugCheck>(`/api/v1/signup/slug?slug=${slug}`);
    expect(after.data.available).toBe(false);
    expect(after.data.reason).toMatch(/taken/i);
    expect(after.data.suggestions.length).toBeGreaterThan(0);
    for (const suggestion of after.data.suggestions) {
      expect(suggestion.startsWith(slug)).toBe(true);
      expect((await anonymous().json<SlugCheck>(`/api/v1/signup/slug?slug=${suggestion}`)).data.available, suggestion).toBe(true);
    }
  });

  test("a taken, reserved or malformed slug: a clear error, and nothing is created", async ({ request }) => {
    const existing = uniqueSlug("harbor");
    expectStatus(
      await anonymous().post("/api/v1/organizations", { name: "Harbor Hospital", slug: existing }),
      201,
      "the first Harbor Hospital",
    );
    const email = uniqueEmail("owner.would-be");
    const attempt = (slug: string, name = "Would-be Hospital") =>
      anonymous().post("/api/v1/organizations", { name, slug, owner: { email, name: "Would-be Owner", password: NEW_PASSWORD } });

    const taken = expectError(await attempt(existing, "Impostor Hospital"), 409, "conflict:organization_slug");
    expect(taken.error.message).toMatch(/already taken/i);

    for (const slug of ["admin", "www"]) {
      const body = expectError(await attempt(slug), 400);
      expect(body.error.fieldErrors?.slug, `${slug}: ${JSON.stringify(body)}`).toEqual(["That address is reserved."]);
      const check = await anonymous().json<SlugCheck>(`/api/v1/signup/slug?slug=${slug}`);
      expect(check.data).toMatchObject({ available: false, reason: "That address is reserved." });
    }
    for (const slug of ["Bad Slug", "a.b", "-edge-", "ab"]) {
      const body = expectError(await attempt(slug), 400);
      expect(body.error.fieldErrors?.slug?.length, `${slug}: ${JSON.stringify(body)}`).toBeGreaterThan(0);
      expect(body.error.message).toMatch(/^slug: /);
      const check = await anonymous().json<SlugCheck>(`/api/v1/signup/slug?slug=${encodeURIComponent(slug)}`);
      expect(check.data.available, slug).toBe(false);
      expect(check.data.reason, slug).toBeTruthy();
    }

    // Nothing was created: Harbor is still Harbor, no organization answers as "Impostor", and the
    // would-be owner's e-mail is still free to sign up with.
    const home = await request.get(`http://127.0.0.1:${ROOT.split(":")[1]}/`, {
      headers: { host: hostOf(existing) },
      failOnStatusCode: false,
    });
    expect(await home.text()).toContain("Harbor Hospital");
    expect(await home.text()).not.toContain("Impostor Hospital");
    const ok = await attempt(uniqueSlug("would-be"));
    expectStatus(ok, 201, "signing up with the same owner e-mail after the refused attempts");
  });

  test("self-service creation is rate-limited per address (10 an hour); the operator token is not", async () => {
    const client = anonymous();
    // Refused attempts count too (the limit is checked before the body), so nothing is created here.
    for (let i = 0; i < 10; i++) expectError(await client.post("/api/v1/organizations", { name: "Flood", slug: "admin" }), 400);
    const limited = expectError(
      await client.post("/api/v1/organizations", { name: "Flood", slug: uniqueSlug("flood") }),
      429,
      "rate_limited",
    );
    expect(limited.error.message).toMatch(/too many/i);
    // Another address, and the operator, are unaffected.
    expectStatus(
      await anonymous().post("/api/v1/organizations", { name: "Not a flood", slug: uniqueSlug("calm") }),
      201,
      "another address",
    );
    expectStatus(
      await operator().post("/api/v1/organizations", { name: "Operator made", slug: uniqueSlug("operator") }),
      201,
      "the operator",
    );
  });

  test("an owner e-mail that already has an account: the same 201 as a new one, and the account holder is told instead", async () => {
    const email = uniqueEmail("owner.twice");
    const signUp = (slug: string) =>
      anonymous().post<Created>("/api/v1/organizations", {
        name: "Practice",
        slug,
        owner: { email, name: "Owner", password: NEW_PASSWORD },
      });
    const first = await signUp(uniqueSlug("first"));
    expectStatus(first, 201, "the first sign-up");
    const second = await signUp(uniqueSlug("second"));
    expectStatus(second, 201, "the second sign-up with the same owner e-mail");
    expect(Object.keys(second.body).sort()).toEqual(Object.keys(first.body).sort());
    expect((second.body as { ownerConfirmation?: unknown }).ownerConfirmation).toEqual(
      (first.body as { ownerConfirmation?: unknown }).ownerConfirmation,
    );
  });
});

test.describe("custom domains: only a verified domain ever routes", () => {
  test("add → TXT record shown → verify fails until the record exists → routes → primary", async ({ request }) => {
    const org = await organizationWithOwner({ prefix: "lakeside", plan: "enterprise", name: `Lakeside Medical ${tag()}` });
    const hostname = `book.lakeside-${tag()}.example`;
    const op = operator();
    const server = `http://127.0.0.1:${ROOT.split(":")[1]}`;
    const home = async () => {
      const r = await request.get(`${server}/`, { headers: { host: onPort(hostname) }, failOnStatusCode: false, maxRedirects: 0 });
      return { status: r.status(), text: await r.text() };
    };

    const added = await op.post<{ data: Domain }>(`/api/v1/organizations/${org.id}/domains`, { domain: hostname });
    expectStatus(added, 201, "POST /api/v1/organizations/{id}/domains (custom, enterprise)");
    const domain = added.body.data;
    expect(domain).toMatchObject({ domain: hostname, isPrimary: false, verifiedAt: null });
    expect(domain.verification).toMatchObject({ type: "TXT", name: `_agentcare-challenge.${hostname}` });
    expect(domain.verification!.value).toMatch(/^agentcare-verification=\S{16,}$/);
    // The admin console shows the same record.
    const listed = (await org.owner.api.json<{ data: Domain[] }>("/api/v1/settings/domains")).data.find((d) => d.id === domain.id);
    expect(listed?.verification).toEqual(domain.verification);

    // Unverified: it never routes — not the public page, not the API.
    let page = await home();
    expect(page.status).toBe(404);
    expect(page.text).not.toContain(org.name);
    expectError(await anonymous(onPort(hostname)).get("/api/v1/public/booking-options"), 404);
    expectError(await anonymous(onPort(hostname)).get("/api/v1/appointments"), 404);
    expectError(await op.post(`/api/v1/organizations/${org.id}/domains/${domain.id}/primary`), 400, "invalid:domain_unverified");

    // Verify: no record, then a wrong record, fail; the right record passes.
    const verify = () => op.post<{ data: { verifiedAt: string | null } }>(`/api/v1/organizations/${org.id}/domains/${domain.id}/verify`);
    const missing = expectError(await verify(), 400, "invalid:domain_unverified");
    expect(missing.error.message).toContain(domain.verification!.name);
    writeTxtRecords({ [domain.verification!.name]: ["agentcare-verification=not-the-token"] });
    expectError(await verify(), 400, "invalid:domain_unverified");
    expect((await home()).status).toBe(404);
    writeTxtRecords({ [domain.verification!.name]: [domain.verification!.value] });
    const verified = await verify();
    expectStatus(verified, 200, "verify with the TXT record in place");
    expect(verified.body.data.verifiedAt).not.toBeNull();

    // Verified: the domain serves the hospital's public page.
    page = await home();
    expect(page.status, page.text.slice(0, 300)).toBe(200);
    expect(page.text).toContain(org.name);
    const options = await anonymous(onPort(hostname)).json<{ data: { organization: { name: string } } }>("/api/v1/public/booking-options");
    expect(options.data.organization.name).toBe(org.name);

    const primary = await op.post<{ data: Domain }>(`/api/v1/organizations/${org.id}/domains/${domain.id}/primary`);
    expectStatus(primary, 200, "make the verified domain primary");
    expect(primary.body.data.isPrimary).toBe(true);
    const domains = (await org.owner.api.json<{ data: Domain[] }>("/api/v1/settings/domains")).data;
    expect(domains.filter((d) => d.isPrimary).map((d) => d.domain)).toEqual([hostname]);

    // Nobody else can take it: another hospital may file an unverified claim (so a squatter can
    // never block the real owner), but verifying it is refused and it never routes there.
    const other = await organizationWithOwner({ prefix: "copycat", plan: "enterprise" });
    const claim = await op.post<{ data: Domain & { verification: { name: string; value: string } } }>(
      `/api/v1/organizations/${other.id}/domains`,
      { domain: hostname },
    );
    expectStatus(claim, 201, "an unverified claim by another hospital");
    await writeTxtRecords({ [claim.body.data.verification.name]: [claim.body.data.verification.value] });
    expectError(await op.post(`/api/v1/organizations/${other.id}/domains/${claim.body.data.id}/verify`), 409);
    const stillOurs = await anonymous(onPort(hostname)).json<{ data: { organization: { name: string } } }>(
      "/api/v1/public/booking-options",
    );
    expect(stillOurs.data.organization.name).toBe(org.name);
    expectError(
      await op.post(`/api/v1/organizations/${other.id}/domains`, { domain: `${METRO.slug}.${ROOT_HOSTNAME}` }),
      400,
      "invalid:domain",
    );
  });

  test("a Basic plan cannot add a custom domain (402 names the upgrade)", async () => {
    const basic = await organizationWithOwner({ prefix: "smalltown" });
    const body = expectError(
      await operator().post(`/api/v1/organizations/${basic.id}/domains`, { domain: `book.smalltown-${tag()}.example` }),
      402,
      "plan_feature:custom_domains",
    );
    expect(body.error.message).toMatch(/Custom domains.*Basic.*Upgrade to Enterprise/);
  });
});
