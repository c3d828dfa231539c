import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { PLANS } from "@/lib/billing/plans";
import { organizations } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { createOrganization } from "./support/fixtures";
import { asOwner } from "./support/owner";
import { arriveAs, person, type Person } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const providersGET = (await import("@/app/api/v1/providers/route")).GET;
const bookingsPOST = (await import("@/app/api/v1/public/bookings/route")).POST;
const patientsGET = (await import("@/app/api/v1/patients/route")).GET;

type Spelling = { label: string; host: string; path: string; headers?: Record<string, string> };

/** Every way a client can address one organization's route (the path as the client sent it). */
function spellingsOf(org: { id: string; slug: string }, domain: string, route: string, selector: boolean): Spelling[] {
  const encoded = `%${org.slug.charCodeAt(0).toString(16).toUpperCase()}${org.slug.slice(1)}`;
  return [
    { label: "subdomain", host: `${org.slug}.localhost`, path: route },
    { label: "custom domain", host: domain, path: route },
    { label: "/org path in capitals", host: "localhost", path: `/org/${org.slug.toUpperCase()}${route}` },
    { label: "/org path percent-encoded", host: "localhost", path: `/org/${encoded}${route}` },
    ...(selector
      ? [{ label: "X-Organization-ID", host: "localhost", path: route, headers: { "x-organization-id": org.id.toUpperCase() } }]
      : []),
  ];
}

async function organizationWithDomain(prefix: string) {
  const org = await createOrganization(prefix);
  const domain = `${org.slug}.hospital-example.org`;
  await asOwner(
    (owner) => owner`insert into organization_domains (organization_id, domain, verified_at) values (${org.id}, ${domain}, now())`,
  );
  return { org, domain };
}

const noParams = { params: Promise.resolve({}) };

describe("rate limits count one organization's route once, however it is addressed", () => {
  let member: Person;
  let target: Awaited<ReturnType<typeof organizationWithDomain>>;

  beforeAll(async () => {
    target = await organizationWithDomain("rate-spell");
    member = await person([{ orgId: target.org.id, role: "staff" }], "rate");
  });

  it("a member's 600 requests a minute on GET /api/v1/providers trip at the same count through five spellings as through one", async () => {
    const spellings = spellingsOf(target.org, target.domain, "/api/v1/providers", true);
    // Each spelling works on its own (none is refused for another reason).
    const statuses: number[] = [];
    for (let i = 0; i < 600; i++) {
      const s = spellings[i % spellings.length]!;
      arriveAs({ host: s.host, path: s.path, session: member.session, headers: s.headers });
      const response = await providersGET(new Request(`http://${s.host}${s.path}`, { headers: s.headers }), noParams);
      statuses.push(response.status);
      if (i === 599) expect(response.headers.get("ratelimit-remaining")).toBe("0");
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    for (const s of spellings) {
      arriveAs({ host: s.host, path: s.path, session: member.session, headers: s.headers });
      const refused = await providersGET(new Request(`http://${s.host}${s.path}`, { headers: s.headers }), noParams);
      expect(refused.status, s.label).toBe(429);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.headers.get("ratelimit-limit")).toBe("600");
    }
  });

  it("an anonymous address's 10 online bookings a minute trip at the 11th through four spellings", async () => {
    const { org, domain } = await organizationWithDomain("rate-public");
    const spellings = spellingsOf(org, domain, "/api/v1/public/bookings", false);
    const ip = `10.77.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const s = spellings[i % spellings.length]!;
      const headers = { "x-forwarded-for": ip, "content-type": "application/json" };
      arriveAs({ host: s.host, path: s.path, session: null, headers });
      const response = await bookingsPOST(new Request(`http://${s.host}${s.path}`, { method: "POST", headers, body: "{}" }), noParams);
      statuses.push(response.status);
    }
    // Ten refused for their (empty) content, the eleventh for the rate.
    expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("another organization's allowance is its own", async () => {
    const other = await createOrganization("rate-other");
    const outsider = await person([{ orgId: other.id, role: "staff" }], "rate-other");
    arriveAs({ host: `${other.slug}.localhost`, path: "/api/v1/providers", session: outsider.session });
    const response = await providersGET(new Request(`http://${other.slug}.localhost/api/v1/providers`), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get("ratelimit-remaining")).toBe("599");
  });
});

describe("an API key's budget by plan", () => {
  it("a Professional key gets 600 requests a minute across all routes, then 429 with Retry-After", async () => {
    const org = await createOrganization("rate-key");
    await withPlatform((tx) => tx.update(organizations).set({ plan: "professional" }).where(eq(organizations.id, org.id)));
    const { token } = await withTenant(org.id, (tx) => createApiKey(tx, org.id, { name: "sync", role: "staff", createdBy: null }));
    const limit = PLANS.professional.apiRequestsPerMinute;
    expect(limit).toBe(600);
    const headers = { authorization: `Bearer ${token}` };
    const host = "localhost";
    let last: Response | undefined;
    for (let i = 0; i < limit; i++) {
      const route = i % 2 === 0 ? "/api/v1/providers" : "/api/v1/patients";
      arriveAs({ host, path: route, session: null, headers });
      last = await (i % 2 === 0 ? providersGET : patientsGET)(new Request(`http://${host}${route}`, { headers }), noParams);
      expect(last.status).toBe(200);
    }
    expect(last!.headers.get("ratelimit-limit")).toBe("600");
    expect(last!.headers.get("ratelimit-remaining")).toBe("0");
    arriveAs({ host, path: "/api/v1/providers", session: null, headers });
    const refused = await providersGET(new Request(`http://${host}/api/v1/providers`, { headers }), noParams);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
