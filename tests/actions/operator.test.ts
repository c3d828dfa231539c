import { beforeAll, describe, expect, it, vi } from "vitest";
import { platformKey } from "@/lib/cache/keys";
import { cached } from "@/lib/cache/memory";
import { withPlatform } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { createFullWorld, createOrganization, listTenantTables } from "../support/fixtures";
import { asOwner } from "../support/owner";
import { arriveAs, fingerprint, person, type Person } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { offboardOrganizationAction, updateOrganizationAction } = await import("@/app/(platform)/admin/actions");
const { revalidatePath } = await import("next/cache");

// The operator console's one change (plan, status, subscription status of an organization): only
// a signed-in platform operator makes it, checked on every call; anyone else changes nothing.

let orgId: string;
let slug: string;
let operator: Person;
let owner: Person;

beforeAll(async () => {
  const org = await createOrganization("operator-console");
  orgId = org.id;
  slug = org.slug;
  owner = await person([{ orgId, role: "owner" }], "console-owner");
  operator = await person([], "console-operator");
  await asOwner((sql) => sql`update users set is_platform_operator = true where id = ${operator.id}`);
});

const organization = () => withPlatform((tx) => platformOrganizations(tx).findById({ id: orgId }));

describe("updateOrganizationAction (operator console)", () => {
  it("signed out: refused as operator-only, nothing changed", async () => {
    const before = await fingerprint(orgId);
    arriveAs({ host: "localhost", path: "/admin", session: null });
    expect(await updateOrganizationAction({ id: orgId, plan: "basic" })).toMatchObject({ ok: false, code: "forbidden:operator_only" });
    expect(await fingerprint(orgId)).toBe(before);
  });

  it("a signed-in non-operator, even the organization's own owner, is refused and nothing changes", async () => {
    const before = await fingerprint(orgId);
    for (const host of ["localhost", `${slug}.localhost`]) {
      arriveAs({ host, path: "/admin", session: owner.session });
      for (const change of [{ plan: "basic" }, { status: "suspended" }, { subscriptionStatus: "cancelled" }] as const) {
        expect(await updateOrganizationAction({ id: orgId, ...change })).toMatchObject({ ok: false, code: "forbidden:operator_only" });
      }
      // Refused before the input is looked at.
      expect(await updateOrganizationAction({ id: "nope" } as never)).toMatchObject({ ok: false, code: "forbidden:operator_only" });
    }
    expect(await fingerprint(orgId)).toBe(before);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("an operator's bad input gets its field errors and changes nothing", async () => {
    const before = await fingerprint(orgId);
    arriveAs({ host: "localhost", path: "/admin", session: operator.session });
    const result = await updateOrganizationAction({ id: orgId, plan: "platinum", status: "closed" } as never);
    expect(result).toMatchObject({ ok: false, code: "validation" });
    expect(result.ok ? {} : result.fieldErrors).toMatchObject({ plan: [expect.any(String)], status: [expect.any(String)] });
    expect(await updateOrganizationAction({ id: orgId })).toMatchObject({
      ok: false,
      code: "validation",
      formError: "Change the plan, the status or the subscription status.",
    });
    expect(await updateOrganizationAction({ id: "00000000-0000-4000-8000-000000000000", plan: "basic" })).toMatchObject({
      ok: false,
      code: "not_found:organization",
    });
    expect(await fingerprint(orgId)).toBe(before);
  });

  it("an operator's change applies, says what changed, and drops the cached tenant lookups", async () => {
    // Warm the lookup cache with the organization as it is now.
    await cached(platformKey("org-by-id", orgId), 60_000, async () => organization());
    arriveAs({ host: "localhost", path: "/admin", session: operator.session });

    const form = new FormData();
    form.set("id", orgId);
    form.set("plan", "professional");
    form.set("subscriptionStatus", "past_due");
    const result = await updateOrganizationAction(form);
    expect(result).toMatchObject({ ok: true, data: expect.stringMatching(/plan professional, subscription past due\.$/) });
    expect(await organization()).toMatchObject({ plan: "professional", subscriptionStatus: "past_due", status: "active" });
    expect(revalidatePath).toHaveBeenCalledWith("/admin");
    const fresh = await cached(platformKey("org-by-id", orgId), 60_000, async () => organization());
    expect(fresh).toMatchObject({ plan: "professional" });

    expect(await updateOrganizationAction({ id: orgId, status: "suspended" })).toMatchObject({
      ok: true,
      data: expect.stringMatching(/: suspended\.$/),
    });
    expect((await organization())?.status).toBe("suspended");
    expect(await updateOrganizationAction({ id: orgId, status: "active", plan: "enterprise", subscriptionStatus: "active" })).toMatchObject(
      {
        ok: true,
      },
    );
    expect(await organization()).toMatchObject({ plan: "enterprise", subscriptionStatus: "active", status: "active" });
  });
});

describe("offboardOrganizationAction (operator console)", () => {
  const tenantRows = async (id: string) => {
    const tables = await listTenantTables();
    let total = 0;
    for (const table of tables) {
      const [row] = await asOwner(
        (sql) => sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)} where organization_id = ${id}`,
      );
      total += row!.n;
    }
    return total;
  };

  it("only an operator, only a suspended organization, only with its slug repeated; then every tenant row is gone", async () => {
    const world = await createFullWorld("offboard-console");
    const other = await createFullWorld("offboard-other");
    const target = (await withPlatform((tx) => platformOrganizations(tx).findById({ id: world.orgId })))!;
    const otherRows = await tenantRows(other.orgId);
    expect(await tenantRows(world.orgId)).toBeGreaterThan(10);

    const member = await person([{ orgId: world.orgId, role: "owner" }], "offboard-owner");
    arriveAs({ host: "localhost", path: "/admin", session: member.session });
    expect(await offboardOrganizationAction({ id: world.orgId, confirm: target.slug })).toMatchObject({
      ok: false,
      code: "forbidden:operator_only",
    });

    arriveAs({ host: "localhost", path: "/admin", session: operator.session });
    expect(await offboardOrganizationAction({ id: world.orgId, confirm: target.slug })).toMatchObject({ ok: false, code: "validation" });
    expect(await updateOrganizationAction({ id: world.orgId, status: "suspended" })).toMatchObject({ ok: true });
    expect(await offboardOrganizationAction({ id: world.orgId, confirm: "not-the-slug" })).toMatchObject({ ok: false, code: "validation" });
    expect(await tenantRows(world.orgId)).toBeGreaterThan(10);

    const result = await offboardOrganizationAction({ id: world.orgId, confirm: target.slug });
    expect(result).toMatchObject({ ok: true, data: expect.stringMatching(/offboarded, \d+ rows deleted\.$/) });
    expect(await tenantRows(world.orgId)).toBe(0);
    expect(await tenantRows(other.orgId)).toBe(otherRows);
    const events = await asOwner(
      (sql) => sql<{ metadata: { actor: string } }[]>`
        select metadata from security_events where kind = 'organization_offboarded' and attempted_organization_id = ${world.orgId}`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.metadata.actor).toBe(`operator:${operator.id}`);
  });
});
