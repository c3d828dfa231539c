import { expect, it } from "vitest";
import type { MemberRole } from "@/lib/db/schema/enums";
import type { ActionResult } from "@/lib/pipeline/action-result";
import { withPlatform } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { createWorld, type World } from "./fixtures";
import { arriveAs, fingerprint, person, securityEventsFor, type Person } from "./request-context";

// The attacker's checks every server action gets, the same ones its REST twin gets: signed out,
// another hospital's session on this hospital's host, this hospital's session with another
// hospital's ids, a role without the permission (refused before the input is even looked at),
// and — for each — nothing changed.

export type Hospitals = {
  a: World & { slug: string; host: string };
  b: World & { slug: string; host: string };
  /** Members of hospital A and B by role. */
  memberOfA: (role: MemberRole) => Promise<Person>;
  memberOfB: (role: MemberRole) => Promise<Person>;
};

async function slugOf(orgId: string): Promise<string> {
  const org = await withPlatform((tx) => platformOrganizations(tx).findById({ id: orgId }));
  return org!.slug;
}

/** Two hospitals with a provider, patient, type and appointment each. */
export async function twoHospitals(prefix: string): Promise<Hospitals> {
  const [a, b] = [await createWorld(`${prefix}-a`), await createWorld(`${prefix}-b`)];
  const [slugA, slugB] = [await slugOf(a.orgId), await slugOf(b.orgId)];
  return {
    a: { ...a, slug: slugA, host: `${slugA}.localhost` },
    b: { ...b, slug: slugB, host: `${slugB}.localhost` },
    memberOfA: (role) => person([{ orgId: a.orgId, role }], `a-${role}`),
    memberOfB: (role) => person([{ orgId: b.orgId, role }], `b-${role}`),
  };
}

export type ActionCase = {
  /** The page the action is posted from (a path on the hospital's host). */
  page: string;
  /** The action with a valid input for hospital `h.a` (its own ids). */
  valid: (h: Hospitals) => Promise<ActionResult<unknown>>;
  /** The action on hospital A's host naming hospital B's records (omit when it takes no ids). */
  foreignIds?: (h: Hospitals) => Promise<ActionResult<unknown>>;
  /** The same action with an input that fails validation. */
  invalid: (h: Hospitals) => Promise<ActionResult<unknown>>;
  /** A role that may do it, and one that may not (omit when every member may). */
  allowed: MemberRole;
  refused?: MemberRole;
};

/** Registers the attacker's tests for one action. `hospitals()` gives the shared fixture. */
export function actionAttacks(name: string, hospitals: () => Hospitals, c: ActionCase) {
  it(`${name}: signed out → 401, nothing changed`, async () => {
    const h = hospitals();
    const before = await fingerprint(h.a.orgId);
    arriveAs({ host: h.a.host, path: c.page, session: null });
    expect(await c.valid(h)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it(`${name}: another hospital's session on this hospital's host → 403 and a security event, nothing changed`, async () => {
    const h = hospitals();
    const outsider = await h.memberOfB("owner");
    const before = await fingerprint(h.a.orgId);
    arriveAs({ host: h.a.host, path: c.page, session: outsider.session });
    expect(await c.valid(h)).toMatchObject({ ok: false, code: "forbidden:not_a_member" });
    expect(await fingerprint(h.a.orgId)).toBe(before);
    expect(await securityEventsFor(outsider.id)).toContainEqual({ kind: "cross_tenant_access", attempted_organization_id: h.a.orgId });
  });

  it(`${name}: another hospital's session through the /org/{slug} path → 403, nothing changed`, async () => {
    const h = hospitals();
    const outsider = await h.memberOfB("owner");
    const before = await fingerprint(h.a.orgId);
    arriveAs({ host: "localhost", path: `/org/${h.a.slug}${c.page}`, session: outsider.session });
    expect(await c.valid(h)).toMatchObject({ ok: false, code: "forbidden:not_a_member" });
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  if (c.foreignIds) {
    const foreign = c.foreignIds;
    it(`${name}: this hospital's session with another hospital's ids → 404, neither hospital changed`, async () => {
      const h = hospitals();
      const member = await h.memberOfA(c.allowed);
      const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
      arriveAs({ host: h.a.host, path: c.page, session: member.session });
      const result = await foreign(h);
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.code).toMatch(/^not_found:/);
      expect(await fingerprint(h.a.orgId)).toBe(beforeA);
      expect(await fingerprint(h.b.orgId)).toBe(beforeB);
    });
  }

  if (c.refused) {
    const refused = c.refused;
    it(`${name}: a ${refused} (without the permission) is refused before validation → 403, nothing changed`, async () => {
      const h = hospitals();
      const member = await h.memberOfA(refused);
      const before = await fingerprint(h.a.orgId);
      arriveAs({ host: h.a.host, path: c.page, session: member.session });
      expect(await c.invalid(h)).toMatchObject({ ok: false, code: "forbidden:permission" });
      expect(await c.valid(h)).toMatchObject({ ok: false, code: "forbidden:permission" });
      expect(await fingerprint(h.a.orgId)).toBe(before);
    });
  }

  it(`${name}: a ${c.allowed} gets every field error for a bad input, nothing changed`, async () => {
    const h = hospitals();
    const member = await h.memberOfA(c.allowed);
    const before = await fingerprint(h.a.orgId);
    arriveAs({ host: h.a.host, path: c.page, session: member.session });
    const result = await c.invalid(h);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.code).toMatch(/^(validation|invalid:|not_found:)/);
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it(`${name}: a ${c.allowed} on this hospital's host succeeds`, async () => {
    const h = hospitals();
    const member = await h.memberOfA(c.allowed);
    arriveAs({ host: h.a.host, path: c.page, session: member.session });
    const result = await c.valid(h);
    expect(result).toMatchObject({ ok: true });
  });
}
