import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { twoHospitals, type Hospitals } from "../support/action-attacks";
import { arriveAs, fingerprint, type Person } from "../support/request-context";
import { Entries, hostileValue, instantText, dateText, idFor, toJsValue, valueFor, type Pools } from "./hostile-values";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

// Every server action of every "use server" module under app/, found on disk (a new actions.ts is
// fuzzed without editing this file), called in-process with hostile inputs — plain objects and
// FormData — by a member of hospital A on A's host. An action answers { ok, code }; a fault shows
// as the code "internal" (or a throw), and there must be none. Refused calls (signed out, another
// hospital's owner, inputs that are not objects) must change nothing in either hospital.

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS_PER_ACTION = Number(process.env.FUZZ_ACTION_RUNS ?? 40);

type Action = { module: string; name: string; fn: (input: unknown) => Promise<unknown> };

function actionModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "actions.ts" && fs.readFileSync(full, "utf8").startsWith('"use server"')) out.push(full);
    }
  };
  walk(path.join(process.cwd(), "app"));
  return out.sort();
}

async function loadActions(): Promise<Action[]> {
  const actions: Action[] = [];
  for (const file of actionModules()) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn === "function") actions.push({ module: path.relative(process.cwd(), file), name, fn: fn as Action["fn"] });
    }
  }
  return actions;
}

// Field names the actions' schemas use, each with values shaped for it; anything else is hostile.
const FIELDS = [
  "id",
  "providerId",
  "patientId",
  "appointmentTypeId",
  "appointmentTypeIds",
  "timeOffId",
  "membershipId",
  "invitationId",
  "keyId",
  "domainId",
  "organizationId",
  "name",
  "firstName",
  "lastName",
  "email",
  "phone",
  "mrn",
  "dateOfBirth",
  "date",
  "from",
  "to",
  "startsAt",
  "endsAt",
  "reason",
  "notes",
  "note",
  "status",
  "role",
  "q",
  "limit",
  "cursor",
  "durationMinutes",
  "hours",
  "intervals",
  "domain",
  "timeZone",
  "primaryColor",
  "plan",
  "token",
  "activeOnly",
  "mode",
];

function fieldValue(name: string, pools: Pools): fc.Arbitrary<unknown> {
  if (/id$/i.test(name)) return idFor(name, pools);
  if (/^(startsAt|endsAt)$/.test(name)) return instantText;
  if (/^(date|from|to|dateOfBirth)$/.test(name)) return dateText;
  if (name === "hours")
    return fc.array(
      fc.record({
        weekday: fc.integer({ min: -1, max: 9 }),
        startTime: fc.constantFrom("09:00", "24:00", "x"),
        endTime: fc.constantFrom("17:00", "00:00"),
      }),
      { maxLength: 5 },
    );
  if (name === "limit") return fc.oneof(fc.integer({ min: -5, max: 300 }), hostileValue);
  return valueFor({ type: "string" }, pools, name);
}

/**
 * Inputs for an action whose schema asks for `wanted` (learnt from its field errors for an empty
 * input): those fields, each usually present and well shaped, plus a few of any others.
 */
function inputFor(pools: Pools, wanted: string[] = []): fc.Arbitrary<unknown> {
  const object = fc
    .tuple(fc.subarray(wanted, { minLength: Math.max(0, wanted.length - 1) }), fc.subarray(FIELDS, { maxLength: wanted.length ? 2 : 8 }))
    .map(([a, b]) => [...new Set([...a, ...b])])
    .chain((names) =>
      fc.tuple(
        ...names.map((n) =>
          fc
            .oneof({ weight: 4, arbitrary: fieldValue(n, pools) }, { weight: 1, arbitrary: hostileValue })
            .map((v) => [n, v] as [string, unknown]),
        ),
      ),
    )
    .map((entries) => toJsValue(new Entries(entries)));
  const form = object.map((value) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (Array.isArray(v)) for (const item of v) data.append(k, typeof item === "string" ? item : JSON.stringify(item));
      else data.append(k, typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
    }
    return data;
  });
  return fc.oneof({ weight: 6, arbitrary: object }, { weight: 2, arbitrary: form }, { weight: 1, arbitrary: hostileValue.map(toJsValue) });
}

/** What a non-object input can be: it can never be a valid input of any action. */
const notAnObject = fc.constantFrom<unknown>("x", 1e308, Number.NaN, true, [], ["\u0000"], "\u0000", 0);

function isNextControlFlow(err: unknown): boolean {
  const digest = (err as { digest?: unknown })?.digest;
  return typeof digest === "string" && /^NEXT_(REDIRECT|NOT_FOUND|HTTP_ERROR_FALLBACK)/.test(digest);
}

/** Calls one action; returns a problem description, or null when it answered a user's outcome. */
const outcomes: Record<string, number> = {};

async function problemOf(action: Action, input: unknown): Promise<string | null> {
  try {
    const result = (await action.fn(input)) as { ok?: boolean; code?: string } | undefined;
    const outcome = result?.ok ? "ok" : (result?.code ?? "none").split(":")[0]!;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (result && result.ok === false && result.code === "internal") return `answered "internal"`;
    return null;
  } catch (err) {
    if (isNextControlFlow(err)) return null;
    return `threw ${(err as Error)?.name}: ${(err as Error)?.message?.slice(0, 200)}`;
  }
}

function describeInput(input: unknown): string {
  if (input instanceof FormData) return `FormData ${JSON.stringify([...input.entries()]).slice(0, 300)}`;
  try {
    return JSON.stringify(input)?.slice(0, 300) ?? String(input);
  } catch {
    return String(input);
  }
}

/** The top-level fields an action's schema reports missing for an empty input. */
async function fieldsWanted(action: Action): Promise<string[]> {
  const result = (await action.fn({}).catch(() => undefined)) as { fieldErrors?: Record<string, string[]> } | undefined;
  return [...new Set(Object.keys(result?.fieldErrors ?? {}).map((k) => k.split(".")[0]!))];
}

let h: Hospitals;
let actions: Action[];
let pools: Pools;
let owner: Person;
let outsider: Person;

beforeAll(async () => {
  h = await twoHospitals("fuzz-actions");
  actions = await loadActions();
  owner = await h.memberOfA("owner");
  outsider = await h.memberOfB("owner");
  pools = {
    own: { patient: [h.a.patientId], provider: [h.a.providerId], appointment_type: [h.a.typeId], appointment: [h.a.appointmentId] },
    foreign: { patient: [h.b.patientId], provider: [h.b.providerId], appointment_type: [h.b.typeId], organization: [h.b.orgId] },
    cursors: ["eyJpZCI6IngifQ", "eyJsYXN0TmFtZSI6Ilx1MDAwMCIsImZpcnN0TmFtZSI6IngiLCJpZCI6IngifQ", "!!!", "%"],
    timeZone: "America/New_York",
  };
});

describe("server actions under fuzzing", () => {
  it("every actions.ts module is found, with its actions", () => {
    expect(actionModules().length).toBeGreaterThanOrEqual(10);
    expect(actions.length).toBeGreaterThanOrEqual(30);
  });

  it("refused calls (signed out, another hospital's owner, inputs that are not objects) change nothing in either hospital", async () => {
    const [beforeA, beforeB] = [await fingerprint(h.a.orgId), await fingerprint(h.b.orgId)];
    const problems: string[] = [];
    const inputs = fc.sample(notAnObject, { seed: SEED, numRuns: 6 });
    const objects = fc.sample(inputFor(pools), { seed: SEED, numRuns: 6 });
    for (const action of actions) {
      for (const [who, session] of [
        ["signed out", null],
        ["another hospital's owner", outsider.session],
      ] as const) {
        arriveAs({ host: h.a.host, path: "/dashboard", session });
        for (const input of [...inputs, ...objects]) {
          const problem = await problemOf(action, input);
          if (problem) problems.push(`${action.module} ${action.name} (${who}) ${problem} ← ${describeInput(input)}`);
        }
      }
      arriveAs({ host: h.a.host, path: "/dashboard", session: owner.session });
      for (const input of inputs) {
        const result = (await action.fn(input).catch((err: unknown) => (isNextControlFlow(err) ? { ok: false } : { ok: "threw" }))) as {
          ok?: unknown;
          code?: string;
        };
        if (result?.ok !== false || result.code === "internal") {
          problems.push(
            `${action.module} ${action.name} (owner) accepted or failed on ${describeInput(input)}: ${JSON.stringify(result)?.slice(0, 200)}`,
          );
        }
      }
    }
    expect(problems, `seed ${SEED}`).toEqual([]);
    expect(await fingerprint(h.a.orgId)).toBe(beforeA);
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });

  it("a member's hostile inputs to any action never answer a server fault", async () => {
    const [beforeB] = [await fingerprint(h.b.orgId)];
    const problems: string[] = [];
    let calls = 0;
    for (const [i, action] of actions.entries()) {
      arriveAs({ host: h.a.host, path: "/dashboard", session: owner.session });
      const wanted = await fieldsWanted(action);
      const inputs = fc.sample(inputFor(pools, wanted), { seed: SEED + i, numRuns: RUNS_PER_ACTION });
      for (const input of inputs) {
        arriveAs({ host: h.a.host, path: "/dashboard", session: owner.session });
        const problem = await problemOf(action, input);
        calls += 1;
        if (problem) problems.push(`${action.module} ${action.name} ${problem} ← ${describeInput(input)}`);
      }
    }
    console.log(
      `fuzz (actions): seed=${SEED} actions=${actions.length} calls=${calls} faults=${problems.length} outcomes=${JSON.stringify(outcomes)}`,
    );
    expect(problems.slice(0, 20), `reproduce with FUZZ_SEED=${SEED}`).toEqual([]);
    // Whatever hospital A's owner did, hospital B is untouched.
    expect(await fingerprint(h.b.orgId)).toBe(beforeB);
  });
});
