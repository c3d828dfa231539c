import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { safeRedirect } from "@/lib/auth/redirect-target";
import { config } from "@/lib/config/env";
import { withTenant } from "@/lib/db/tenant";
import { createOrganization } from "./support/fixtures";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint, person, securityEventsFor, type Person } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const patientsPOST = (await import("@/app/api/v1/patients/route")).POST;
const keyDELETE = (await import("@/app/api/v1/settings/api-keys/[keyId]/route")).DELETE;
const invitationsPOST = (await import("@/app/api/v1/settings/invitations/route")).POST;
const handoffGET = (await import("@/app/api/auth/handoff/route")).GET;

type Org = Awaited<ReturnType<typeof createOrganization>>;
const patient = { firstName: "Origin", lastName: "Checked", dateOfBirth: "1980-02-03" };

async function post(
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
  {
    host,
    path,
    session,
    headers,
    body,
    method = "POST",
    params = {},
  }: {
    host: string;
    path: string;
    session: Person["session"] | null;
    headers: Record<string, string>;
    body?: string;
    method?: string;
    params?: Record<string, string>;
  },
) {
  arriveAs({ host, path, session, headers });
  const response = await handler(new Request(`http://${host}${path}`, { method, headers, body }), { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json().catch(() => null)) as { error?: { code: string } } | null };
}

describe("cookie-signed writes must come from the organization's own pages", () => {
  let a: Org;
  let b: Org;
  let admin: Person;
  const json = { "content-type": "application/json" };

  beforeAll(async () => {
    a = await createOrganization("origin-a");
    b = await createOrganization("origin-b");
    admin = await person([{ orgId: a.id, role: "admin" }], "origin-admin");
  });

  it("another hospital's subdomain, another site, another port, a same-site fetch or Origin null → 403 cross_origin, nothing changed", async () => {
    const host = `${a.slug}.localhost`;
    const before = await fingerprint(a.id);
    for (const extra of [
      { origin: `http://${b.slug}.localhost` },
      { origin: "http://evil.example" },
      { origin: `http://${host}:8080` },
      { origin: "null" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site" },
    ] as Record<string, string>[]) {
      const reply = await post(patientsPOST, {
        host,
        path: "/api/v1/patients",
        session: admin.session,
        headers: { ...json, ...extra },
        body: JSON.stringify(patient),
      });
      expect(reply.status, JSON.stringify(extra)).toBe(403);
      expect(reply.body!.error!.code).toBe("forbidden:cross_origin");
    }
    expect(await fingerprint(a.id)).toBe(before);
  });

  it("holds for a write without a body too: revoking a key from another site leaves it working", async () => {
    const { key } = await withTenant(a.id, (tx) => createApiKey(tx, a.id, { name: "kept", role: "staff", createdBy: null }));
    const path = `/api/v1/settings/api-keys/${key.id}`;
    const refused = await post(keyDELETE, {
      host: `${a.slug}.localhost`,
      path,
      session: admin.session,
      headers: { origin: `http://${b.slug}.localhost` },
      method: "DELETE",
      params: { keyId: key.id },
    });
    expect(refused.status).toBe(403);
    const [row] = await asOwner((owner) => owner<{ revoked_at: Date | null }[]>`select revoked_at from api_keys where id = ${key.id}`);
    expect(row!.revoked_at).toBeNull();
  });

  it("the same origin (or Sec-Fetch-Site: same-origin) is served", async () => {
    const host = `${a.slug}.localhost`;
    for (const extra of [{ origin: `http://${host}` }, { "sec-fetch-site": "same-origin" }] as Record<string, string>[]) {
      const reply = await post(patientsPOST, {
        host,
        path: "/api/v1/patients",
        session: admin.session,
        headers: { ...json, ...extra },
        body: JSON.stringify({ ...patient, lastName: `Checked${Object.keys(extra)[0]!.length}` }),
      });
      expect(reply.status, JSON.stringify(extra)).toBe(201);
    }
  });

  it("an API key is sent deliberately, so its Origin does not matter", async () => {
    const { token } = await withTenant(a.id, (tx) => createApiKey(tx, a.id, { name: "ehr", role: "staff", createdBy: null }));
    const reply = await post(patientsPOST, {
      host: "localhost",
      path: "/api/v1/patients",
      session: null,
      headers: { ...json, authorization: `Bearer ${token}`, origin: "http://evil.example" },
      body: JSON.stringify({ ...patient, lastName: "ByKey" }),
    });
    expect(reply.status).toBe(201);
  });

  it("a body that is not JSON gets 415 (an HTML form cannot send JSON), and nothing is created", async () => {
    const host = `${a.slug}.localhost`;
    const before = await fingerprint(a.id);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const reply = await post(patientsPOST, {
        host,
        path: "/api/v1/patients",
        session: admin.session,
        headers: { origin: `http://${host}`, "content-type": type },
        body: JSON.stringify(patient),
      });
      expect(reply.status, type).toBe(415);
      expect(reply.body!.error!.code).toBe("unsupported_media_type");
    }
    expect(await fingerprint(a.id)).toBe(before);
    expect(await securityEventsFor(admin.id)).toEqual([]);
  });
});

describe("addresses never come from the Host header", () => {
  let org: Org;
  let other: Org;
  const root = () => `${config().publicUrlScheme}://${config().rootDomain}`;

  beforeAll(async () => {
    org = await createOrganization("redirects");
    other = await createOrganization("redirects-other");
    await asOwner(
      (owner) =>
        owner`insert into organization_domains (organization_id, domain, verified_at) values (${org.id}, ${`${org.slug}.clinic-example.org`}, now())`,
    );
  });

  it("sign-in and sign-out go to paths, the same organization's hosts or the root — never elsewhere", async () => {
    const own = `http://${org.slug}.${config().rootDomain}`;
    const custom = `http://${org.slug}.clinic-example.org`;
    expect(await safeRedirect("/dashboard", own)).toBe(`${own}/dashboard`);
    expect(await safeRedirect(`${custom}/book`, own)).toBe(`${custom}/book`);
    expect(await safeRedirect(`${own}/dashboard`, custom)).toBe(`${own}/dashboard`);
    expect(await safeRedirect(`${root()}/orgs`, own)).toBe(`${root()}/orgs`);
    // Another hospital, a foreign site, protocol-relative and script URLs: back to where the request came from.
    for (const target of [
      `http://${other.slug}.${config().rootDomain}/dashboard`,
      "http://evil.example/x",
      "//evil.example/x",
      "javascript:alert(1)",
    ]) {
      expect(await safeRedirect(target, own), target).toBe(own);
    }
    // A request that claims a host that is not ours falls back to the configured root, even for a path.
    expect(await safeRedirect("/dashboard", "http://evil.example")).toBe(`${root()}/dashboard`);
    expect(await safeRedirect("http://evil.example/x", "http://evil.example")).toBe(root());
    expect(await safeRedirect("/x", `http://unverified.clinic-example.org`)).toBe(`${root()}/x`);
  });

  it("a hand-off on a claimed host redirects by path only", async () => {
    arriveAs({ host: "evil.example", path: "/api/auth/handoff", session: null });
    const response = await handoffGET(new Request("http://evil.example/api/auth/handoff?token=x"), { params: Promise.resolve({}) });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sign-in?error=handoff");
  });

  it("an invitation's e-mail link is on the organization's configured address, whatever X-Forwarded-Host claims", async () => {
    const admin = await person([{ orgId: org.id, role: "admin" }], "links-admin");
    const host = `${org.slug}.localhost`;
    const reply = await post(invitationsPOST, {
      host,
      path: "/api/v1/settings/invitations",
      session: admin.session,
      headers: { "content-type": "application/json", "x-forwarded-host": "evil.example", origin: `http://${host}` },
      body: JSON.stringify({ email: "new.colleague@links.test", role: "staff" }),
    });
    expect(reply.status).toBe(201);
    expect(JSON.stringify(reply.body)).not.toContain("evil.example");
    const rows = await withTenant(org.id, (tx) => tx.execute<{ body_text: string }>(sql`select body_text from notifications`));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.body_text).not.toContain("evil.example");
      expect(row.body_text).toContain(`${org.slug}.${config().rootDomain}`);
    }
  });
});
