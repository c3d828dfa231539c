// The audit console's REST endpoints: search, one event with its place in the chain, verification
// on demand and on schedule, and exports an auditor re-verifies with nothing but the file.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { auditRowText, verifyExportText } from "@/lib/audit/canonical";
import { lastVerifications, scheduledChainVerification } from "@/lib/audit/console";
import { auditRepo, type AuditEntry } from "@/lib/audit/repository";
import { withTenant } from "@/lib/db/tenant";
import { runScript } from "./support/cli";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const eventsRoute = await import("@/app/api/v1/audit/events/route");
const eventRoute = await import("@/app/api/v1/audit/events/[id]/route");
const chainRoute = await import("@/app/api/v1/audit/chain/route");
const verifyRoute = await import("@/app/api/v1/audit/chain/verify/route");
const exportRoute = await import("@/app/api/v1/audit/export/route");
const { auditEventAction, auditEventsAction, auditExportAction, verifyAuditChainAction } =
  await import("@/app/org/[org]/(staff)/settings/audit/actions");
const { patientAccessAction } = await import("@/app/org/[org]/(staff)/patients/actions");
const accessRoute = await import("@/app/api/v1/patients/[id]/access-log/route");

const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
type Session = Parameters<typeof arriveAs>[0]["session"];

let ip = 0;
/** Each call from its own address, so the per-caller rate limits stay out of the way. */
function call<T>(host: string, path: string, headers: Record<string, string>, session: Session, run: (req: Request) => Promise<T>) {
  ip += 1;
  const all = { "x-forwarded-for": `10.44.${Math.floor(ip / 250)}.${ip % 250}`, ...headers };
  arriveAs({ host, path, session, headers: all });
  return run(new Request(`http://${host}${path}`, { headers: all, method: path.endsWith("/verify") ? "POST" : "GET" }));
}
const getEvents = (host: string, query: string, headers: Record<string, string>, session: Session = null) =>
  call(host, `/api/v1/audit/events${query}`, headers, session, (r) => eventsRoute.GET(r, noParams));
const getEvent = (host: string, id: string, headers: Record<string, string>, session: Session = null) =>
  call(host, `/api/v1/audit/events/${id}`, headers, session, (r) => eventRoute.GET(r, idParams(id)));
const getExport = (host: string, query: string, headers: Record<string, string>, session: Session = null) =>
  call(host, `/api/v1/audit/export${query}`, headers, session, (r) => exportRoute.GET(r, noParams));
const postVerify = (host: string, headers: Record<string, string>, session: Session = null) =>
  call(host, `/api/v1/audit/chain/verify`, headers, session, (r) => verifyRoute.POST(r, noParams));
const getChain = (host: string, headers: Record<string, string>) =>
  call(host, `/api/v1/audit/chain`, headers, null, (r) => chainRoute.GET(r, noParams));

type EventRow = {
  id: string;
  seq: number | null;
  action: string;
  resourceType: string;
  patientIds: string[];
  actor: { userId: string | null };
};

// Values whose JSON text is easy to get wrong: the offline verifier must write them exactly as
// PostgreSQL's jsonb does, or an honest export would fail to verify.
const AWKWARD: Record<string, unknown> = {
  zeta: 1.5,
  a: 'quote " backslash \\ newline \n tab \t bell \u0007 é 漢字 🩺',
  bb: [1, -0.000001, 1e21, 10, true, false, null],
  nested: { longer_key: { x: 1 }, k: "v", "": "empty key" },
  n: 123456789012,
};

const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let h: Hospitals;
let keyA: string;
let staffKeyA: string;
let keyB: string;
let clerk: string;
let eventOfB: string;

async function write(orgId: string, entries: AuditEntry[]) {
  await withTenant(orgId, (tx) => auditRepo(tx, orgId).recordMany(entries));
}

beforeAll(async () => {
  h = await twoHospitals("audit-console");
  clerk = (await h.memberOfA("staff")).id;
  await write(h.a.orgId, [
    {
      actor: { type: "user", userId: clerk, role: "staff" },
      action: "view",
      resourceType: "patient",
      patientId: h.a.patientId,
      resourceId: h.a.patientId,
    },
    {
      actor: { type: "user", userId: clerk, role: "staff" },
      action: "update",
      resourceType: "appointment",
      resourceId: h.a.appointmentId,
      patientId: h.a.patientId,
      metadata: AWKWARD,
    },
    {
      actor: { type: "system" },
      action: "create",
      resourceType: "appointment",
      resourceId: h.a.appointmentId,
      metadata: { source: "import" },
    },
    {
      actor: { type: "user", userId: clerk, role: "staff" },
      action: "view",
      resourceType: "appointment_list",
      patientIds: [h.a.patientId],
      resourceIds: [h.a.appointmentId],
      request: { requestId: "r-1", ip: "203.0.113.9", userAgent: 'Mozilla/5.0 "quoted"' },
    },
  ]);
  await write(h.b.orgId, [
    {
      actor: { type: "system" },
      action: "view",
      resourceType: "patient",
      patientId: h.b.patientId,
      resourceId: h.b.patientId,
      metadata: { secret: "b-only-marker" },
    },
  ]);
  const [ofB] = await asOwner(
    (s) => s<{ id: string }[]>`select id from audit_logs where organization_id = ${h.b.orgId} order by seq desc limit 1`,
  );
  eventOfB = ofB!.id;
  keyA = (await withTenant(h.a.orgId, (tx) => createApiKey(tx, h.a.orgId, { name: "auditor", role: "admin", createdBy: null }))).token;
  staffKeyA = (await withTenant(h.a.orgId, (tx) => createApiKey(tx, h.a.orgId, { name: "desk", role: "staff", createdBy: null }))).token;
  keyB = (await withTenant(h.b.orgId, (tx) => createApiKey(tx, h.b.orgId, { name: "auditor", role: "admin", createdBy: null }))).token;
});

describe("the audit console's actions: attackers and roles", () => {
  const hospitals = () => h;
  const PAGE = "/settings/audit";
  const firstEventOf = async (orgId: string) =>
    (await asOwner((s) => s<{ id: string }[]>`select id from audit_logs where organization_id = ${orgId} order by seq limit 1`))[0]!.id;
  actionAttacks("auditEventsAction", hospitals, {
    page: PAGE,
    valid: () => auditEventsAction({ limit: 10 }),
    invalid: () => auditEventsAction({ action: "steal", from: "2026-02-31", limit: 0 } as never),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("auditEventAction", hospitals, {
    page: PAGE,
    valid: async (hs) => auditEventAction({ id: await firstEventOf(hs.a.orgId) }),
    foreignIds: async (hs) => auditEventAction({ id: await firstEventOf(hs.b.orgId) }),
    invalid: () => auditEventAction({ id: "not-an-id" }),
    allowed: "admin",
    refused: "clinician",
  });
  actionAttacks("patientAccessAction", hospitals, {
    page: "/patients",
    valid: (hs) => patientAccessAction({ id: hs.a.patientId, limit: 10 }),
    foreignIds: (hs) => patientAccessAction({ id: hs.b.patientId, limit: 10 }),
    invalid: (hs) => patientAccessAction({ id: hs.a.patientId, limit: 0 }),
    allowed: "admin",
    refused: "clinician",
  });
  actionAttacks("auditExportAction", hospitals, {
    page: PAGE,
    valid: () => auditExportAction({ from: today, to: today, format: "ndjson" }),
    invalid: () => auditExportAction({ from: today, to: "2026-02-31", format: "pdf" } as never),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("verifyAuditChainAction", hospitals, {
    page: PAGE,
    valid: () => verifyAuditChainAction({}),
    invalid: () => verifyAuditChainAction({ everything: true } as never),
    allowed: "owner",
    refused: "staff",
  });
});

describe("who may read the audit log", () => {
  it("a staff key (no audit:read) → 403 for search, export and verify", async () => {
    expect((await getEvents(h.a.host, "", bearer(staffKeyA))).status).toBe(403);
    expect((await getExport(h.a.host, `?from=${today}&to=${today}`, bearer(staffKeyA))).status).toBe(403);
    expect((await postVerify(h.a.host, bearer(staffKeyA))).status).toBe(403);
  });

  it("signed out → 401; another hospital's key or owner on this host → 403; nothing of A in any answer, nothing changed", async () => {
    const outsider = await h.memberOfB("owner");
    const before = await fingerprint(h.a.orgId);
    const answers = [
      [await getEvents(h.a.host, "", {}), 401],
      [await getEvents(h.a.host, "", bearer(keyB)), 403],
      [await getEvents(h.a.host, "", {}, outsider.session), 403],
      [await getExport(h.a.host, `?from=${today}&to=${today}`, bearer(keyB)), 403],
      [await postVerify(h.a.host, bearer(keyB)), 403],
      [await postVerify(h.a.host, { origin: `http://${h.a.host}` }, outsider.session), 403],
      [await getEvent(h.a.host, eventOfB, bearer(keyB)), 403],
    ] as const;
    for (const [response, status] of answers) {
      expect(response.status).toBe(status);
      const text = await response.text();
      expect(text).not.toContain(h.a.patientId);
      expect(text).not.toContain(h.a.appointmentId);
    }
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("another hospital's event id is 404 on this hospital's host, exactly like an unknown or malformed id", async () => {
    const foreign = await getEvent(h.a.host, eventOfB, bearer(keyA));
    expect(foreign.status).toBe(404);
    const body = await foreign.text();
    expect(body).not.toContain("b-only-marker");
    const unknown = await getEvent(h.a.host, "00000000-0000-4000-8000-000000000000", bearer(keyA));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(JSON.parse(body).error.code);
    expect((await getEvent(h.a.host, "not-an-id", bearer(keyA))).status).toBe(404);
    // B's key on B's own host naming A's event: 404 as well.
    const [ofA] = await asOwner((s) => s<{ id: string }[]>`select id from audit_logs where organization_id = ${h.a.orgId} limit 1`);
    expect((await getEvent(h.b.host, ofA!.id, bearer(keyB))).status).toBe(404);
  });

  it("a plan without audit export is refused with 402 and a clear message", async () => {
    await asOwner((s) => s`update organizations set plan = 'professional' where id = ${h.a.orgId}`);
    try {
      for (const response of [
        await getEvents(h.a.host, "", bearer(keyA)),
        await getExport(h.a.host, `?from=${today}&to=${today}`, bearer(keyA)),
        await postVerify(h.a.host, bearer(keyA)),
      ]) {
        expect(response.status).toBe(402);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("plan_feature:audit_export");
        expect(body.error.message).toMatch(/audit/i);
      }
    } finally {
      await asOwner((s) => s`update organizations set plan = 'enterprise' where id = ${h.a.orgId}`);
    }
  });

  it("the first and last days a calendar can hold are answered, never a 5xx", async () => {
    for (const q of ["?from=0001-01-01&to=0001-01-02", "?from=9999-12-30&to=9999-12-31", "?to=9999-12-31", "?from=1900-01-01"]) {
      expect((await getEvents(h.a.host, q, bearer(keyA))).status, q).toBe(200);
    }
    for (const q of ["?from=9999-12-30&to=9999-12-31", "?from=0001-01-01&to=0001-01-02"]) {
      expect((await getExport(h.a.host, q, bearer(keyA))).status, q).toBe(200);
    }
  });

  it("malformed filters are 400 with field errors, never a 5xx", async () => {
    for (const q of [
      "?action=steal",
      "?from=2026-02-31",
      "?from=2026-03-02&to=2026-03-01",
      "?patient=nope",
      "?limit=0",
      "?resource=DROP%20TABLE",
      "?cursor=%7B",
    ]) {
      const response = await getEvents(h.a.host, q, bearer(keyA));
      expect(response.status, q).toBe(400);
    }
    for (const q of ["", "?from=2026-01-01", `?from=${today}&to=${today}&format=pdf`, "?from=2020-01-01&to=2026-01-01"]) {
      expect((await getExport(h.a.host, q, bearer(keyA))).status, q).toBe(400);
    }
  });
});

describe("searching the log", () => {
  it("lists this hospital's events newest first and filters by patient, person, action and kind of record", async () => {
    const all = await getEvents(h.a.host, "?limit=200", bearer(keyA));
    expect(all.status).toBe(200);
    const rows = ((await all.json()) as { data: EventRow[] }).data;
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(rows)).not.toContain(h.b.patientId);

    const byPatient = ((await (await getEvents(h.a.host, `?patient=${h.a.patientId}`, bearer(keyA))).json()) as { data: EventRow[] }).data;
    // The three events about the patient (and any look at the log that showed them, such as opening an event above).
    expect(byPatient.map((r) => r.resourceType)).toEqual(expect.arrayContaining(["appointment", "appointment_list", "patient"]));
    expect(byPatient.filter((r) => r.resourceType !== "audit_log")).toHaveLength(3);
    expect(byPatient.every((r) => r.patientIds.includes(h.a.patientId))).toBe(true);
    const byPerson = ((await (await getEvents(h.a.host, `?actor=${clerk}`, bearer(keyA))).json()) as { data: EventRow[] }).data;
    expect(byPerson).toHaveLength(3);
    const updates = (
      (await (await getEvents(h.a.host, `?action=update&resource=appointment`, bearer(keyA))).json()) as { data: EventRow[] }
    ).data;
    expect(updates).toHaveLength(1);
    const future = ((await (await getEvents(h.a.host, `?from=${day(2)}`, bearer(keyA))).json()) as { data: EventRow[] }).data;
    expect(future).toHaveLength(0);
  });

  it("pages with a cursor: every event once, none skipped", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `?actor=${clerk}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const body = (await (await getEvents(h.a.host, q, bearer(keyA))).json()) as { data: EventRow[]; nextCursor: string | null };
      seen.push(...body.data.map((r) => r.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it("opening an event shows its place in the chain, the patients it names, and is itself recorded", async () => {
    const list = ((await (await getEvents(h.a.host, `?action=update`, bearer(keyA))).json()) as { data: EventRow[] }).data;
    const response = await getEvent(h.a.host, list[0]!.id, bearer(keyA));
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as {
      data: {
        seq: number;
        metadata: unknown;
        patients: { id: string; name: string }[];
        chain: { intact: boolean; rowHash: string; recomputedHash: string; previous: { seq: number } | null; next: { seq: number } | null };
      };
    };
    expect(data.metadata).toEqual(AWKWARD);
    expect(data.patients.map((p) => p.id)).toEqual([h.a.patientId]);
    expect(data.chain.intact).toBe(true);
    expect(data.chain.recomputedHash).toBe(data.chain.rowHash);
    expect(data.chain.previous?.seq).toBe(data.seq - 1);
    expect(data.chain.next?.seq).toBe(data.seq + 1);
    const [opened] = await asOwner(
      (s) => s<{ n: number }[]>`select count(*)::int as n from audit_logs where organization_id = ${h.a.orgId}
        and resource_type = 'audit_log' and resource_id = ${list[0]!.id} and ${h.a.patientId}::uuid = any(patient_ids)`,
    );
    expect(opened!.n).toBe(1);
  });
});

describe("who opened this chart: GET /api/v1/patients/{id}/access-log", () => {
  const getAccess = (host: string, id: string, query: string, headers: Record<string, string>) =>
    call(host, `/api/v1/patients/${id}/access-log${query}`, headers, null, (r) => accessRoute.GET(r, idParams(id)));

  it("lists every event naming the patient, on a plan without audit export too, and records the look naming the patient", async () => {
    await asOwner((s) => s`update organizations set plan = 'professional' where id = ${h.a.orgId}`);
    try {
      const response = await getAccess(h.a.host, h.a.patientId, "?limit=200", bearer(keyA));
      expect(response.status).toBe(200);
      const { data } = (await response.json()) as { data: EventRow[] };
      expect(
        data
          .filter((r) => r.resourceType !== "audit_log")
          .map((r) => r.resourceType)
          .sort(),
      ).toEqual(["appointment", "appointment_list", "patient"]);
      expect(data.every((r) => r.patientIds.includes(h.a.patientId))).toBe(true);
    } finally {
      await asOwner((s) => s`update organizations set plan = 'enterprise' where id = ${h.a.orgId}`);
    }
    const [looks] = await asOwner(
      (s) => s<{ n: number }[]>`select count(*)::int as n from audit_logs where organization_id = ${h.a.orgId}
        and resource_type = 'audit_log' and resource_id is null and ${h.a.patientId}::uuid = any(patient_ids)`,
    );
    expect(looks!.n).toBeGreaterThanOrEqual(1);
  });

  it("another hospital's patient is 404; another hospital's key 403; a staff key 403; nothing of the patient leaks", async () => {
    const foreign = await getAccess(h.a.host, h.b.patientId, "", bearer(keyA));
    expect(foreign.status).toBe(404);
    for (const [response, status] of [
      [await getAccess(h.a.host, h.a.patientId, "", bearer(keyB)), 403],
      [await getAccess(h.a.host, h.a.patientId, "", bearer(staffKeyA)), 403],
      [await getAccess(h.a.host, h.a.patientId, "", {}), 401],
      [await getAccess(h.a.host, "not-an-id", "", bearer(keyA)), 404],
    ] as const) {
      expect(response.status).toBe(status);
      expect(await response.text()).not.toContain(h.a.appointmentId);
    }
    expect((await getAccess(h.a.host, h.a.patientId, "?limit=0", bearer(keyA))).status).toBe(400);
  });
});

describe("exports an auditor verifies offline", () => {
  let ndjson: string;
  let dir: string;

  beforeAll(async () => {
    const response = await getExport(h.a.host, `?from=${day(-1)}&to=${day(1)}&format=ndjson`, bearer(keyA));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="audit-.*\.ndjson"/);
    ndjson = await response.text();
    dir = await mkdtemp(path.join(tmpdir(), "audit-export-"));
  });

  it("holds this hospital's chain from seq 1, and every hash recomputes offline (awkward metadata included)", () => {
    const lines = ndjson.trim().split("\n");
    const header = JSON.parse(lines[0]!) as { organizationId: string; rows: number; firstSeq: number };
    expect(header.organizationId).toBe(h.a.orgId);
    expect(header.firstSeq).toBe(1);
    expect(header.rows).toBe(lines.length - 1);
    expect(ndjson).not.toContain(h.b.orgId);
    expect(ndjson).toContain("🩺");
    expect(verifyExportText(ndjson)).toMatchObject({ ok: true, rows: header.rows, startsChain: true });
  });

  it("the offline text of a row is exactly the database's", async () => {
    const row = JSON.parse(ndjson.trim().split("\n")[2]!);
    const [db] = await asOwner(
      (s) => s<
        { text: string }[]
      >`select (jsonb_build_array(a.organization_id, a.seq, a.id, (extract(epoch FROM a.occurred_at) * 1000000)::bigint,
        a.actor_user_id, a.actor_type, a.actor_role, a.action, a.resource_type, a.resource_id, a.patient_id, a.outcome, a.request_id, a.ip,
        a.user_agent, a.metadata) || case when cardinality(a.patient_ids) = 0 and cardinality(a.resource_ids) = 0 then '[]'::jsonb
        else jsonb_build_array(a.patient_ids, a.resource_ids) end)::text as text
        from audit_logs a where a.organization_id = ${h.a.orgId} and a.id = ${row.id}`,
    );
    expect(auditRowText(row)).toBe(db!.text);
  });

  it("an edited, removed or reordered row fails verification at its line", () => {
    const lines = ndjson.trim().split("\n");
    const edited = [...lines];
    const row = JSON.parse(edited[3]!);
    row.actorRole = "owner";
    edited[3] = JSON.stringify(row);
    expect(verifyExportText(edited.join("\n"))).toMatchObject({ ok: false, line: 4, reason: expect.stringMatching(/no longer match/) });
    const removed = [...lines.slice(0, 2), ...lines.slice(3)];
    expect(verifyExportText(removed.join("\n"))).toMatchObject({ ok: false, line: 3, reason: expect.stringMatching(/expected seq/) });
    const swapped = [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)];
    expect(verifyExportText(swapped.join("\n")).ok).toBe(false);
    const truncated = lines.slice(0, -1);
    expect(verifyExportText(truncated.join("\n"))).toMatchObject({ ok: false, reason: expect.stringMatching(/announces/) });
  });

  it("`npm run audit:verify -- --file` says ok for the file as exported (exit 0) and names the line of an edit (exit 1)", async () => {
    const good = path.join(dir, "good.ndjson");
    await writeFile(good, ndjson);
    const ok = await runScript("scripts/audit-verify.ts", ["--file", good]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^ok .*every link and hash holds \(from the chain's start\)/m);
    const bad = path.join(dir, "bad.ndjson");
    await writeFile(bad, ndjson.replace("203.0.113.9", "198.51.100.1"));
    const broken = await runScript("scripts/audit-verify.ts", ["--file", bad]);
    expect(broken.code, broken.stdout + broken.stderr).toBe(1);
    expect(broken.stdout).toMatch(/^BROKEN .*line \d+: the row's fields no longer match its hash/m);
  });

  it("the export is itself recorded, with its range, format and rows", async () => {
    const [row] = await asOwner(
      (s) => s<{ metadata: { from: string; to: string; format: string; rows: number } }[]>`select metadata from audit_logs
        where organization_id = ${h.a.orgId} and action = 'export' and resource_type = 'audit_log' order by occurred_at desc limit 1`,
    );
    expect(row!.metadata).toMatchObject({ from: day(-1), to: day(1), format: "ndjson" });
    expect(row!.metadata.rows).toBeGreaterThanOrEqual(4);
  });

  it("CSV: the same events with their hashes, one row each", async () => {
    const response = await getExport(h.a.host, `?from=${day(-1)}&to=${day(1)}&format=csv`, bearer(keyA));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/csv/);
    const text = await response.text();
    const [header] = text.split("\r\n");
    expect(header).toBe(
      "seq,id,occurred_at,occurred_at_micros,actor_type,actor_user_id,actor_role,action,resource_type,resource_id,patient_id,patient_ids,resource_ids,outcome,request_id,ip,user_agent,metadata,prev_hash,row_hash",
    );
    expect(text).toMatch(/[0-9a-f]{64},[0-9a-f]{64}\r\n/);
    expect(text).not.toContain(h.b.orgId);
  });
});

describe("verifying the chain", () => {
  it("on demand: intact, with the head; the result is recorded and shown as the last on-demand run", async () => {
    const response = await postVerify(h.a.host, bearer(keyA));
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { intact: boolean; rows: number; headSeq: number; headHash: string } };
    expect(data).toMatchObject({ intact: true });
    expect(data.headSeq).toBe(data.rows);
    expect(data.headHash).toMatch(/^[0-9a-f]{64}$/);
    const status = (await (await getChain(h.a.host, bearer(keyA))).json()) as {
      data: { onDemand: { intact: boolean; headSeq: number } | null };
    };
    expect(status.data.onDemand).toMatchObject({ intact: true, headSeq: data.headSeq });
  });

  it("it takes no input: a body with fields, or one that is not JSON, is a 400 and records nothing; `{}` is fine", async () => {
    // A key of its own: the verification's allowance (6 a minute per caller) is the other tests'.
    const own = (await withTenant(h.a.orgId, (tx) => createApiKey(tx, h.a.orgId, { name: "verifier", role: "admin", createdBy: null })))
      .token;
    const checks = async () =>
      (
        await asOwner(
          (s) =>
            s<
              { n: number }[]
            >`select count(*)::int as n from audit_logs where organization_id = ${h.a.orgId} and resource_type = 'audit_chain'`,
        )
      )[0]!.n;
    const before = await checks();
    for (const body of ['{"a":1}', "{", "[]", "null"]) {
      ip += 1;
      const headers = { ...bearer(own), "content-type": "application/json", "x-forwarded-for": `10.45.0.${ip % 250}` };
      arriveAs({ host: h.a.host, path: "/api/v1/audit/chain/verify", session: null, headers });
      const response = await verifyRoute.POST(
        new Request(`http://${h.a.host}/api/v1/audit/chain/verify`, { method: "POST", headers, body }),
        noParams,
      );
      expect(response.status, body).toBe(400);
    }
    expect(await checks()).toBe(before);
    const headers = { ...bearer(own), "content-type": "application/json", "x-forwarded-for": "10.45.1.1" };
    arriveAs({ host: h.a.host, path: "/api/v1/audit/chain/verify", session: null, headers });
    const empty = await verifyRoute.POST(
      new Request(`http://${h.a.host}/api/v1/audit/chain/verify`, { method: "POST", headers, body: "{}" }),
      noParams,
    );
    expect(empty.status).toBe(200);
  });

  it("on schedule: runs when none is recent, not again within the interval, again after it", async () => {
    const now = new Date();
    expect(await scheduledChainVerification(h.a.orgId, now, 24)).toBe(true);
    expect(await scheduledChainVerification(h.a.orgId, new Date(now.getTime() + 3_600_000), 24)).toBe(false);
    const { scheduled } = await withTenant(h.a.orgId, (tx) => lastVerifications({ tx, orgId: h.a.orgId }));
    expect(scheduled).toMatchObject({ trigger: "scheduled", intact: true });
    expect(await scheduledChainVerification(h.a.orgId, new Date(now.getTime() + 25 * 3_600_000), 24)).toBe(true);
  });

  it("an edited row behind the app's back: verification says broken at its seq, and the event shows it no longer matches", async () => {
    const [target] = await asOwner(
      (s) =>
        s<{ id: string; seq: number }[]>`select id, seq::int from audit_logs where organization_id = ${h.b.orgId} order by seq limit 1`,
    );
    await asOwner(async (s) => {
      await s`set local session_replication_role = replica`;
      await s`update audit_logs set resource_id = 'tampered' where organization_id = ${h.b.orgId} and id = ${target!.id}`;
    });
    const response = await postVerify(h.b.host, bearer(keyB));
    const { data } = (await response.json()) as { data: { intact: boolean; firstBreak: { seq: number; reason: string } } };
    expect(data.intact).toBe(false);
    expect(data.firstBreak).toMatchObject({ seq: target!.seq, reason: "row_hash_mismatch" });
    const event = (await (await getEvent(h.b.host, target!.id, bearer(keyB))).json()) as { data: { chain: { intact: boolean } } };
    expect(event.data.chain.intact).toBe(false);
    // Hospital A's chain is untouched by B's tampering.
    expect(((await (await postVerify(h.a.host, bearer(keyA))).json()) as { data: { intact: boolean } }).data.intact).toBe(true);
  });
});
