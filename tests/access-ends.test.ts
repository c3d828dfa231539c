import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { twoHospitals, type Hospitals } from "./support/action-attacks";
import { arriveAs } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const { searchPatientsAction } = await import("@/app/org/[org]/(staff)/patients/actions");
const { changeMemberAction, removeMemberAction } = await import("@/app/org/[org]/(staff)/settings/members/actions");

// A session stays a valid sign-in after its holder is suspended or removed from an organization,
// but it opens nothing there from the very next request: membership is checked on every request,
// never remembered in the cookie.

let h: Hospitals;
beforeAll(async () => {
  h = await twoHospitals("access-ends");
});

async function membershipIdOf(orgId: string, userId: string): Promise<string> {
  return (await withTenant(orgId, (tx) => membershipsRepo(tx, orgId).findByUser({ userId })))!.id;
}

describe("access ends on the next request", () => {
  it("after removal from the organization", async () => {
    const admin = await h.memberOfA("admin");
    const leaver = await h.memberOfA("clinician");
    arriveAs({ host: h.a.host, path: "/patients", session: leaver.session });
    expect(await searchPatientsAction({})).toMatchObject({ ok: true });

    arriveAs({ host: h.a.host, path: "/settings/members", session: admin.session });
    expect(await removeMemberAction({ id: await membershipIdOf(h.a.orgId, leaver.id) })).toMatchObject({ ok: true });

    arriveAs({ host: h.a.host, path: "/patients", session: leaver.session });
    expect(await searchPatientsAction({})).toMatchObject({ ok: false, code: "forbidden:not_a_member" });
  });

  it("after suspension, and again after reinstatement", async () => {
    const admin = await h.memberOfA("admin");
    const member = await h.memberOfA("staff");
    const membershipId = await membershipIdOf(h.a.orgId, member.id);
    arriveAs({ host: h.a.host, path: "/settings/members", session: admin.session });
    expect(await changeMemberAction({ id: membershipId, status: "suspended" })).toMatchObject({ ok: true });

    arriveAs({ host: h.a.host, path: "/patients", session: member.session });
    const refused = await searchPatientsAction({});
    expect(refused.ok).toBe(false);
    expect(refused).not.toHaveProperty("data");

    arriveAs({ host: h.a.host, path: "/settings/members", session: admin.session });
    expect(await changeMemberAction({ id: membershipId, status: "active" })).toMatchObject({ ok: true });
    arriveAs({ host: h.a.host, path: "/patients", session: member.session });
    expect(await searchPatientsAction({})).toMatchObject({ ok: true });
  });
});
