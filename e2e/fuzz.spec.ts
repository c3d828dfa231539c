import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { HOSTILE_STRINGS, idFor, toJsonText, toQueryText, valueFor, type Pools } from "../tests/fuzz/hostile-values";
import { OPERATOR_TOKEN, organizationWithOwner, type NewOrganization } from "./support/admin-api";
import { sessionCookieFrom } from "./support/api";
import { databaseFingerprint, pool, routeFiles, sendRaw, serverDatabaseUrl, type FuzzReply, type FuzzRequest } from "./support/fuzz";
import { ROOT } from "./support/hosts";
import { PERSONAS } from "./support/personas";
import { clientAddress } from "./support/public-client";
import { SUNSET, hostOf } from "./support/tenants";

// Zero 5xx from anything a client sends. Every operation of the OpenAPI document (and every route
// file it does not list yet) gets requests built by fast-check from its own schemas, with hostile
// values mixed in at every level, from every kind of caller: nobody, the organization's owner by
// session cookie, its API key, the platform operator, and another hospital's admin. Phase one
// sends only requests that must be refused and checks that no row of any table changed; phase two
// sends everything. Any answer >= 500 fails the run with the seed that reproduces it
// (FUZZ_SEED=<seed>), and the requests that caused it.

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const REJECTED_RUNS = Number(process.env.FUZZ_REJECTED_RUNS ?? 2_600);
const MIXED_RUNS = Number(process.env.FUZZ_MIXED_RUNS ?? 6_000);
const QUERY_RUNS = Number(process.env.FUZZ_QUERY_RUNS ?? 1_500);
const CONCURRENCY = 8;

type Operation = { method: string; path: string; auth: string; query: { name: string; schema: object }[]; body?: object };
type CallerKind = "anonymous" | "session" | "apiKey" | "operator" | "outsider";

test.describe.configure({ mode: "serial" });
test.setTimeout(600_000);

let org: NewOrganization;
let apiKey: string;
/** A key of its own for the body-limit check: the fuzz runs spend the main key's per-minute budget. */
let bodyLimitKey: string;
let outsiderCookie: string;
let pools: Pools;
let operations: Operation[];
const tally = { sent: 0, byClass: {} as Record<string, number>, failures: [] as { request: FuzzRequest; reply: FuzzReply }[] };

function classOf(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

function describeRequest(r: FuzzRequest): string {
  const headers = Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== "cookie" && k !== "authorization"));
  const body = r.body === undefined ? "" : ` body(${r.body.length}): ${String(r.body).slice(0, 300)}`;
  return `${r.method.toUpperCase()} ${r.host}${r.path.slice(0, 300)} ${JSON.stringify(headers).slice(0, 300)}${body}`;
}

async function fire(requests: FuzzRequest[]): Promise<FuzzReply[]> {
  return pool(requests, CONCURRENCY, async (request) => {
    const reply = await sendRaw(request);
    tally.sent += 1;
    const cls = classOf(reply.status);
    tally.byClass[cls] = (tally.byClass[cls] ?? 0) + 1;
    if (reply.status >= 500) tally.failures.push({ request, reply });
    return reply;
  });
}

function summary(): string {
  const classes = Object.entries(tally.byClass)
    .sort()
    .map(([c, n]) => `${c}=${n}`)
    .join(" ");
  return `fuzz: seed=${SEED} requests=${tally.sent} ${classes} 5xx=${tally.failures.length}`;
}

function expectNo5xx() {
  const shown = tally.failures
    .slice(0, 15)
    .map((f) => `  ${f.reply.status} ← ${describeRequest(f.request)}\n     ${f.reply.text.slice(0, 200)}`)
    .join("\n");
  expect(tally.failures.length, `${summary()}\nreproduce with FUZZ_SEED=${SEED}\n${shown}`).toBe(0);
}

// ---- setup: an organization of its own with data, credentials, and another hospital's ids ----

async function json<T>(request: FuzzRequest): Promise<T> {
  const reply = await sendRaw(request);
  expect(reply.status, `${describeRequest(request)} → ${reply.text.slice(0, 300)}`).toBeLessThan(300);
  return JSON.parse(reply.text) as T;
}

const asOwner = (method: string, path: string, body?: unknown): FuzzRequest => ({
  method,
  path,
  host: org.host,
  headers: { cookie: org.owner.cookie, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
  body: body ? JSON.stringify(body) : undefined,
});

const idsOf = (body: { data: { id: string }[] }) => body.data.map((r) => r.id);

test.beforeAll(async () => {
  org = await organizationWithOwner({ prefix: "fuzz", plan: "enterprise" });
  const created = await json<{ data: { token: string; id: string } }>(
    asOwner("POST", "/api/v1/settings/api-keys", { name: "fuzz", role: "admin" }),
  );
  apiKey = created.data.token;
  bodyLimitKey = (
    await json<{ data: { token: string } }>(asOwner("POST", "/api/v1/settings/api-keys", { name: "body limit", role: "admin" }))
  ).data.token;
  const spareKey = await json<{ data: { id: string } }>(asOwner("POST", "/api/v1/settings/api-keys", { name: "spare", role: "staff" }));
  await json(asOwner("PATCH", "/api/v1/settings/scheduling", { enableOnlineBooking: true, enableTelehealth: true }));
  const provider = await json<{ data: { id: string } }>(
    asOwner("POST", "/api/v1/providers", { name: "Dr. Fuzz Tester", acceptsOnlineBooking: true }),
  );
  const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: "00:00", endTime: "23:30" }));
  await json(asOwner("PUT", `/api/v1/providers/${provider.data.id}/hours`, { hours }));
  const type = await json<{ data: { id: string } }>(
    asOwner("POST", "/api/v1/appointment-types", {
      name: "Fuzz visit",
      durationMinutes: 30,
      onlineBookable: true,
      telehealthAllowed: true,
    }),
  );
  const patients: string[] = [];
  for (const [firstName, lastName] of [
    ["Ada", "Fuzzington"],
    ["Grace", "Fuzzmore"],
    ["Alan", "Fuzzberg"],
  ]) {
    const p = await json<{ data: { id: string } }>(asOwner("POST", "/api/v1/patients", { firstName, lastName, dateOfBirth: "1980-01-02" }));
    patients.push(p.data.id);
  }
  const timeOff = await json<{ data: { id: string } }>(
    asOwner("POST", `/api/v1/providers/${provider.data.id}/time-off`, {
      startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 41 * 86_400_000).toISOString(),
    }),
  );
  const appointments: string[] = [];
  for (let day = 3; day < 6; day++) {
    const startsAt = new Date(Date.parse(new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10) + "T15:00:00Z")).toISOString();
    const reply = await sendRaw(
      asOwner("POST", "/api/v1/appointments", {
        patientId: patients[0],
        providerId: provider.data.id,
        appointmentTypeId: type.data.id,
        startsAt,
      }),
    );
    if (reply.status === 201) appointments.push((JSON.parse(reply.text) as { data: { id: string } }).data.id);
  }
  const members = await json<{ data: { members: { id: string }[] } }>(asOwner("GET", "/api/v1/settings/members"));
  const ownCursor = await json<{ nextCursor: string | null }>(asOwner("GET", "/api/v1/patients?limit=1"));

  // Another hospital's ids and cursor, read by its admin (ops@ is admin of both demo hospitals).
  const admin = sessionCookieFrom(PERSONAS.admin.storageState);
  const sunset = (path: string): FuzzRequest => ({
    method: "GET",
    path,
    host: hostOf(SUNSET),
    headers: { cookie: admin, accept: "application/json" },
  });
  const sunsetOrg = await json<{ data: { id: string } }>(sunset("/api/v1/organization"));
  const sunsetPatients = await json<{ data: { id: string }[]; nextCursor: string | null }>(sunset("/api/v1/patients?limit=5"));
  const sunsetProviders = await json<{ data: { id: string }[] }>(sunset("/api/v1/providers"));
  const sunsetTypes = await json<{ data: { id: string }[] }>(sunset("/api/v1/appointment-types"));
  outsiderCookie = sessionCookieFrom(PERSONAS.attacker.storageState);

  const tampered = ownCursor.nextCursor ? ownCursor.nextCursor.slice(0, -2) + "zz" : "eyJ4Ijox";
  const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
  pools = {
    own: {
      patient: patients,
      provider: [provider.data.id],
      appointment_type: [type.data.id],
      appointment: appointments,
      time_off: [timeOff.data.id],
      api_key: [spareKey.data.id],
      membership: members.data.members.map((m) => m.id),
      organization: [org.id],
    },
    foreign: {
      patient: idsOf(sunsetPatients),
      provider: idsOf(sunsetProviders),
      appointment_type: idsOf(sunsetTypes),
      organization: [sunsetOrg.data.id],
    },
    cursors: [
      ...(ownCursor.nextCursor ? [ownCursor.nextCursor] : []),
      ...(sunsetPatients.nextCursor ? [sunsetPatients.nextCursor] : []),
      tampered,
      b64({ lastName: "\u0000", firstName: "x", id: "not-a-uuid" }),
      b64({ lastName: "a", firstName: "b", id: "00000000-0000-0000-0000-000000000000" }),
      b64({ startsAt: "+020000-01-01T00:00:00Z", id: "x" }),
      b64({ startsAt: 1e308, id: 1, name: 5, lastName: 7, firstName: 8 }),
      b64({ startsAt: "9999-99-99", id: "ffffffff-ffff-ffff-ffff-ffffffffffff" }),
      b64("[1,2,3]"),
      b64("null"),
      b64({ __proto__: { a: 1 } }),
      "!!!",
      "%",
      "x".repeat(500),
    ],
    timeZone: "America/New_York",
  };

  // The operations: the OpenAPI document as the server serves it, plus any route file it lacks.
  const doc = await json<{
    paths: Record<
      string,
      Record<
        string,
        { parameters?: { name: string; in: string; schema: object }[]; requestBody?: { content: Record<string, { schema: object }> } }
      >
    >;
  }>({ method: "GET", path: "/api/v1/openapi.json", host: ROOT, headers: { accept: "application/json" } });
  operations = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const description = (op as { description?: string }).description ?? "";
      operations.push({
        method,
        path: p,
        auth: /operator token, a platform operator/.test(description)
          ? "operator_or_admin"
          : /^Authentication: None/m.test(description)
            ? "public"
            : "member",
        query: (op.parameters ?? []).filter((x) => x.in === "query").map((x) => ({ name: x.name, schema: x.schema })),
        body: op.requestBody?.content["application/json"]?.schema,
      });
    }
  }
  const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
  for (const route of routeFiles()) {
    for (const method of route.methods) {
      if (documented.has(`${method} ${route.path}`)) continue;
      if (route.path.startsWith("/api/auth/")) continue;
      if (route.path.startsWith("/fhir/")) {
        // The FHIR endpoint: its search parameters (FHIR's own names and prefixes) with any value.
        const text = { type: "string" };
        const query = route.path.endsWith("{type}")
          ? [
              "_id",
              "_count",
              "_offset",
              "_lastUpdated",
              "date",
              "start",
              "name",
              "family",
              "birthdate",
              "patient",
              "schedule",
              "status",
            ].map((name) => ({ name, schema: name === "_count" || name === "_offset" ? { type: "integer" } : text }))
          : [];
        const open = route.path.includes("$bulk-publish") || route.path.endsWith("/metadata");
        operations.push({ method, path: route.path, auth: open ? "public" : "member", query });
        continue;
      }
      operations.push({ method, path: route.path, auth: route.path.includes("/public/") ? "public" : "member", query: [] });
    }
  }
  console.log(`fuzz: ${operations.length} operations (${documented.size} documented), seed=${SEED}`);
});

// ---- request generation ----

const ENCODED_SEGMENTS = ["a%2Fb", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%00", "%E0%A4%A", "%", "%25", "%u0041", "x".repeat(3000), "%C0%AF"];
const WRONG_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "application/xml",
  "application/json; charset=utf-16",
  "",
  "application/jsonx",
];
const BAD_JSON = ["{", '{"a":', "\u0000", "{'a':1}", '{"a":1}garbage', '{"a":"\\u0000"}', "[".repeat(5000), "nul", '{"a":1,}'];

function pathFor(template: string, hostile: boolean): fc.Arbitrary<string> {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (!names.length) return fc.constant(template);
  const pieces = names.map((name) => {
    const value: fc.Arbitrary<string> =
      name === "date"
        ? fc.oneof(
            fc.constantFrom("2026-03-08", "2026-11-01", "0000-01-01", "9999-12-31", "+020000-01-01", "2026-02-30", "today"),
            fc.date().map((d) => (isNaN(d.getTime()) ? "x" : d.toISOString().slice(0, 10))),
          )
        : name === "token"
          ? fc.constantFrom("x", "a".repeat(43), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%00", "..")
          : idFor(name, pools).map(encodeLoosely);
    const raw = fc.constantFrom(...ENCODED_SEGMENTS);
    return hostile
      ? fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: raw })
      : fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: raw });
  });
  return fc.tuple(...pieces).map((values) => {
    let i = 0;
    return template.replace(/\{(\w+)\}/g, () => values[i++]!);
  });
}

/** Percent-encoding that also writes a lone surrogate, as the bytes of an invalid UTF-8 sequence. */
function encodeLoosely(value: string): string {
  return value
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? "%ED%A0%80" : encodeURIComponent(part)))
    .join("");
}

function queryFor(op: Operation): fc.Arbitrary<string> {
  if (!op.query.length)
    return fc.oneof(
      { weight: 5, arbitrary: fc.constant("") },
      { weight: 1, arbitrary: fc.constantFrom("?x=%00", "?limit=-1", "?=&&=", "?a=%E0%A4%A") },
    );
  const params = op.query.map((q) =>
    fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), valueFor(q.schema as Parameters<typeof valueFor>[0], pools, q.name))
      .map(([roll, v]) => {
        if (roll > 0.75) return "";
        const one = `${encodeURIComponent(q.name)}=${encodeLoosely(toQueryText(v))}`;
        return roll > 0.7 ? `${one}&${encodeURIComponent(q.name)}=${encodeLoosely(toQueryText(v))}x` : one;
      }),
  );
  return fc.tuple(...params).map((parts) => {
    const kept = parts.filter(Boolean);
    return kept.length ? `?${kept.join("&")}` : "";
  });
}

function callerFor(op: Operation): fc.Arbitrary<CallerKind> {
  switch (op.auth) {
    case "public":
      return fc.constantFrom<CallerKind>("anonymous", "anonymous", "anonymous", "session", "apiKey");
    case "operator_or_admin":
      return fc.constantFrom<CallerKind>("session", "session", "operator", "operator", "anonymous", "outsider");
    default:
      return fc.constantFrom<CallerKind>("session", "session", "session", "apiKey", "apiKey", "apiKey", "anonymous", "outsider");
  }
}

function credentials(kind: CallerKind): Record<string, string> {
  switch (kind) {
    case "session":
      return { cookie: org.owner.cookie };
    case "apiKey":
      return { authorization: `Bearer ${apiKey}` };
    case "operator":
      return { authorization: `Bearer ${OPERATOR_TOKEN}` };
    case "outsider":
      return { cookie: outsiderCookie };
    case "anonymous":
      return {};
  }
}

type BodyShape = { body?: string | Buffer; contentType?: string | string[]; length?: string };

function bodyFor(op: Operation, mustFail: boolean): fc.Arbitrary<BodyShape> {
  const oversize = fc.constantFrom<BodyShape>(
    { body: `{"a":"${"x".repeat(70 * 1024)}"}`, contentType: "application/json" },
    { body: `{"a":"${"x".repeat(70 * 1024)}"}`, contentType: "application/json", length: "10" },
  );
  const broken = fc.oneof(
    fc.constantFrom(...BAD_JSON).map((text): BodyShape => ({ body: text, contentType: "application/json" })),
    fc.constantFrom(...WRONG_TYPES).map((type): BodyShape => ({ body: '{"a":1}', contentType: type })),
    fc
      .constantFrom("[]", "null", '"x"', "1e999", "true", "[{}]", "NaN")
      .map((text): BodyShape => ({ body: text, contentType: "application/json" })),
    oversize,
  );
  // Odd but possibly valid (a BOM, an escaped lone surrogate, a repeated content type whose first
  // value is JSON): for the mixed phase only.
  const odd = fc.constantFrom<BodyShape>(
    { body: "\ufeff{}", contentType: "application/json" },
    { body: '{"a":"\\ud800"}', contentType: "application/json" },
    { body: "{}", contentType: ["application/json", "text/plain"] },
  );
  if (mustFail) return broken;
  const shaped = op.body
    ? valueFor(op.body as Parameters<typeof valueFor>[0], pools, "").map((v): BodyShape => ({
        body: toJsonText(v),
        contentType: "application/json",
      }))
    : fc.constantFrom<BodyShape>({}, { body: "{}", contentType: "application/json" });
  return fc.oneof(
    { weight: 8, arbitrary: shaped },
    { weight: 2, arbitrary: broken },
    { weight: 1, arbitrary: odd },
    { weight: 1, arbitrary: fc.constant<BodyShape>({}) },
  );
}

function requestFor(op: Operation, mode: "rejected" | "mixed"): fc.Arbitrary<FuzzRequest> {
  const mutating = op.method !== "get";
  const hostilePath = mode === "rejected" && mutating && op.path.includes("{");
  const mustFailBody = mode === "rejected" && mutating && !hostilePath;
  const extraHeaders = fc.oneof(
    { weight: 8, arbitrary: fc.constant<Record<string, string | string[]>>({}) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Record<string, string | string[]>>(
        { "x-organization-id": pools.foreign.organization![0]! },
        { "x-organization-id": "not-a-uuid" },
        { "x-organization-id": [org.id, pools.foreign.organization![0]!] },
        { "x-organization-id": "x y, z" },
        { authorization: ["Bearer a", "Bearer b"] },
        { authorization: "Bearer ac_" + "x".repeat(500) },
        { authorization: "Basic Zm9vOmJhcg==" },
        { cookie: "agentcare.session=" + "x".repeat(4000) },
        { accept: ["application/json", "text/html"] },
        { "x-forwarded-host": "sunset-clinic.agentcare.test" },
      ),
    },
  );
  const via = fc.constantFrom<"host" | "path">("host", "host", "host", "path");
  // In the rejected-only phase a mutation is either anonymous or another hospital's admin, or a
  // member with an unknown id in the path or a body that cannot be valid.
  const caller =
    mode === "rejected" && mutating ? fc.constantFrom<CallerKind>("anonymous", "outsider", "session", "apiKey", "session") : callerFor(op);
  return fc
    .record({
      caller,
      path: pathFor(op.path, hostilePath),
      query: queryFor(op),
      body: bodyFor(op, mustFailBody),
      extra: extraHeaders,
      via,
    })
    .map(({ caller: who, path, query, body, extra, via: how }) => {
      const onRoot = path.startsWith("/api/v1/organizations") || path.startsWith("/api/v1/signup");
      const host = onRoot ? ROOT : how === "host" ? org.host : ROOT;
      const fullPath = !onRoot && how === "path" ? `/org/${org.slug}${path}` : path;
      const headers: Record<string, string | string[]> = { accept: "application/json", ...credentials(who), ...extra };
      if (body.contentType !== undefined) headers["content-type"] = body.contentType;
      if (body.length !== undefined) headers["content-length"] = body.length;
      if (mode === "rejected" && mutating && (who === "session" || who === "apiKey") && !hostilePath && body.body === undefined) {
        headers["content-type"] = "application/json";
      }
      return {
        method: op.method.toUpperCase(),
        path: fullPath + query,
        host,
        headers,
        body: mutating || body.body !== undefined ? body.body : undefined,
        from: who === "anonymous" ? clientAddress() : undefined,
      } satisfies FuzzRequest;
    });
}

function sample(mode: "rejected" | "mixed", runs: number, seed: number): FuzzRequest[] {
  const ops = mode === "rejected" ? operations : operations;
  const perOp = Math.ceil(runs / ops.length);
  return ops.flatMap((op, i) => fc.sample(requestFor(op, mode), { seed: seed + i, numRuns: perOp }));
}

// ---- the runs ----

test("a search for a LIKE wildcard matches only what contains it", async () => {
  const key = { authorization: `Bearer ${apiKey}`, accept: "application/json" };
  for (const q of ["%", "_", "\\", "%%", "_%", "a%", "%a"]) {
    const reply = await sendRaw({ method: "GET", path: `/api/v1/patients?q=${encodeURIComponent(q)}`, host: org.host, headers: key });
    expect(reply.status, reply.text).toBe(200);
    expect((JSON.parse(reply.text) as { data: unknown[] }).data, `q=${q}`).toEqual([]);
  }
  const fuzz = await sendRaw({ method: "GET", path: "/api/v1/patients?q=fuzz", host: org.host, headers: key });
  expect((JSON.parse(fuzz.text) as { data: unknown[] }).data).toHaveLength(3);
});

test("requests that must be refused are refused, never answer 5xx, and change no row", async () => {
  const url = serverDatabaseUrl();
  expect(url, "DATABASE_URL must point at the e2e server's PostgreSQL to fingerprint its tables").not.toBeNull();
  const before = await databaseFingerprint(url!);
  const requests = sample("rejected", REJECTED_RUNS, SEED);
  const replies = await fire(requests);
  const accepted = requests
    .map((request, i) => ({ request, reply: replies[i]! }))
    .filter(({ request, reply }) => request.method !== "GET" && reply.status < 400);
  console.log(`${summary()} (rejected-only phase: ${requests.length} requests)`);
  expectNo5xx();
  expect(
    accepted.map(({ request, reply }) => `${reply.status} ← ${describeRequest(request)}`).slice(0, 10),
    `mutations that should have been refused (seed ${SEED})`,
  ).toEqual([]);
  const after = await databaseFingerprint(url!);
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  expect(changed, `tables changed by refused requests (seed ${SEED})`).toEqual([]);
});

test("anything at all: no answer is ever 5xx", async () => {
  const requests = sample("mixed", MIXED_RUNS, SEED + 1_000_000);
  await fire(requests);
  console.log(summary());
  expectNo5xx();
});

test("hostile strings in any query parameter of any GET never answer 5xx", async () => {
  const gets = operations.filter((o) => o.method === "get" && !o.path.includes("{"));
  const requests: FuzzRequest[] = [];
  for (const op of gets) {
    for (const name of [...op.query.map((q) => q.name), "limit", "cursor"]) {
      for (const value of HOSTILE_STRINGS.filter((s) => s.length < 10_000)) {
        requests.push({
          method: "GET",
          path: `${op.path}?${encodeURIComponent(name)}=${encodeLoosely(value)}`,
          host: op.path.startsWith("/api/v1/signup") ? ROOT : org.host,
          headers: { accept: "application/json", authorization: `Bearer ${apiKey}` },
          from: op.auth === "public" ? clientAddress() : undefined,
        });
      }
    }
  }
  // Every operation and parameter gets a share: a stride through the whole list.
  const stride = Math.max(1, Math.floor(requests.length / QUERY_RUNS));
  await fire(requests.filter((_, i) => i % stride === 0).slice(0, QUERY_RUNS));
  console.log(summary());
  expectNo5xx();
});

test("a body over the limit is refused with 413", async () => {
  const body = JSON.stringify({ firstName: "x".repeat(1024 * 1024) });
  const reply = await sendRaw({
    method: "POST",
    path: "/api/v1/patients",
    host: org.host,
    headers: { authorization: `Bearer ${bodyLimitKey}`, "content-type": "application/json" },
    body,
  });
  expect([413, 499]).toContain(reply.status);
  console.log(summary());
  expect(tally.sent, "requests sent by the whole run").toBeGreaterThanOrEqual(Math.min(10_000, REJECTED_RUNS + MIXED_RUNS + QUERY_RUNS));
});
