// A patient's own access report: asked for with an e-mail address on the hospital's site (the same
// answer whoever the address belongs to; only that mailbox learns anything), opened through the
// signed link in the e-mail, and checked by an auditor against the hospital's export of its days.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { signLinkToken } from "@/lib/auth/links";
import { ACCESS_REPORT_PURPOSE } from "@/lib/audit/patient-report";
import { checkAccessReport } from "@/lib/audit/report-check";
import { auditRepo, type AuditEntry } from "@/lib/audit/repository";
import { withTenant } from "@/lib/db/tenant";
import { patientsRepo } from "@/lib/patients/repository";
import { todayIn } from "@/lib/time/calendar";
import { twoHospitals, type Hospitals } from "./support/action-attacks";
import { runScript } from "./support/cli";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const requestRoute = await import("@/app/api/v1/public/access-reports/route");
const reportRoute = await import("@/app/api/v1/public/access-reports/[token]/route");
const exportRoute = await import("@/app/api/v1/audit/export/route");
const { requestAccessReportAction } = await import("@/app/org/[org]/access-report/actions");

let ip = 0;
const nextIp = () => {
  ip += 1;
  return `10.61.${Math.floor(ip / 250)}.${ip % 250}`;
};

async function askFor(host: string, body: unknown) {
  const headers = { "x-forwarded-for": nextIp(), "content-type": "application/json", origin: `http://${host}` };
  arriveAs({ host, path: "/api/v1/public/access-reports", session: null, headers });
  const response = await requestRoute.POST(
    new Request(`http://${host}/api/v1/public/access-reports`, { method: "POST", headers, body: JSON.stringify(body) }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

async function open(host: string, token: string, query = "") {
  const headers = { "x-forwarded-for": nextIp() };
  const pathname = `/api/v1/public/access-reports/${token}${query}`;
  arriveAs({ host, path: pathname, session: null, headers });
  return reportRoute.GET(new Request(`http://${host}${pathname}`, { headers }), { params: Promise.resolve({ token }) });
}

type Report = {
  organization: { id: string; name: string; timeZone: string };
  patient: { firstName: string; recordIds: string[] };
  period: { from: string; to: string };
  events: {
    occurredAt: string;
    actor: { kind: string; name: string | null; role: string | null };
    action: string;
    resourceType: string;
    records: number;
    seq: number | null;
    rowHash: string | null;
    prevHash: string | null;
  }[];
  notShown: number;
  chain: { head: { seq: number; hash: string } | null };
};

async function reportOf(host: string, token: string, query = ""): Promise<Report> {
  const response = await open(host, token, query);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Report }).data;
}

async function mailsTo(orgId: string, email: string) {
  return asOwner(
    (s) => s<{ kind: string; body_text: string; subject: string }[]>`
      select kind::text as kind, body_text, subject from notifications
      where organization_id = ${orgId} and to_email = ${email} order by created_at`,
  );
}

const linkIn = (text: string) => /https?:\/\/\S+\/access-report\/(\S+)/.exec(text)?.[1] ?? null;
// Today in the hospital's zone: report and export days are the hospital's days, so between UTC
// midnight and the hospital's midnight the UTC date names a day with no events yet.
let today: string;

let h: Hospitals;
let emailA: string;
let clinician: { id: string };
let otherPatient: string;
let mergedRecord: string;
let token: string;

async function emailOf(orgId: string, patientId: string): Promise<string> {
  const [row] = await asOwner(
    (s) => s<{ email: string }[]>`select email from patients where organization_id = ${orgId} and id = ${patientId}`,
  );
  return row!.email;
}

async function write(orgId: string, entries: AuditEntry[]) {
  await withTenant(orgId, (tx) => auditRepo(tx, orgId).recordMany(entries));
}

beforeAll(async () => {
  h = await twoHospitals("access-report");
  const [zone] = await asOwner((s) => s<{ time_zone: string }[]>`select time_zone from organizations where id = ${h.a.orgId}`);
  today = todayIn(zone!.time_zone);
  emailA = await emailOf(h.a.orgId, h.a.patientId);
  clinician = await h.memberOfA("clinician");
  const [other, merged] = await withTenant(h.a.orgId, async (tx) => {
    const repo = patientsRepo(tx, h.a.orgId);
    const o = await repo.create({ input: { mrn: "AR-2", firstName: "Other", lastName: "Person", dateOfBirth: "1970-01-01" } });
    const m = await repo.create({ input: { mrn: "AR-3", firstName: "Pat", lastName: "Old", dateOfBirth: "1980-01-01" } });
    await repo.setRecordStatus({ id: m.id, status: "merged", mergedIntoId: h.a.patientId });
    return [o.id, m.id];
  });
  otherPatient = other;
  mergedRecord = merged;
  await write(h.a.orgId, [
    { actor: { type: "user", userId: clinician.id, role: "clinician" }, action: "view", resourceType: "patient", patientId: h.a.patientId },
    {
      actor: { type: "user", userId: clinician.id, role: "clinician" },
      action: "view",
      resourceType: "appointment_list",
      patientIds: [h.a.patientId, other],
      resourceIds: ["x", "y", "z"],
    },
    { actor: { type: "user", userId: clinician.id, role: "clinician" }, action: "view", resourceType: "patient", patientId: other },
    { actor: { type: "system" }, action: "update", resourceType: "patient", patientId: merged, metadata: { note: "before the merge" } },
  ]);
  await write(h.b.orgId, [{ actor: { type: "system" }, action: "view", resourceType: "patient", patientId: h.b.patientId }]);
});

describe("asking for a report", () => {
  it("answers the same for the patient's address, an unknown one and one of another hospital; each address gets one e-mail", async () => {
    const unknown = `nobody-${Date.now()}@example.test`;
    const emailB = await emailOf(h.b.orgId, h.b.patientId);
    const answers = [
      await askFor(h.a.host, { email: emailA }),
      await askFor(h.a.host, { email: unknown }),
      await askFor(h.a.host, { email: emailB }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(202);
      expect(a.body).toEqual(answers[0]!.body);
      expect([...a.headers.keys()].filter((k) => k !== "x-request-id").sort()).toEqual(
        [...answers[0]!.headers.keys()].filter((k) => k !== "x-request-id").sort(),
      );
    }
    const [mine] = await mailsTo(h.a.orgId, emailA);
    expect(mine!.kind).toBe("access_report");
    token = linkIn(mine!.body_text)!;
    expect(token).toBeTruthy();
    expect(mine!.body_text).toContain("Pat");
    for (const other of [unknown, emailB]) {
      const [mail] = await mailsTo(h.a.orgId, other);
      expect(mail!.kind).toBe("access_report");
      expect(linkIn(mail!.body_text)).toBeNull();
      expect(mail!.body_text).toMatch(/no patient record/);
    }
    // Hospital B's patient got nothing from B, and B's data is untouched by a request at A.
    expect(await mailsTo(h.b.orgId, emailB)).toEqual([]);
  });

  it("takes the same time for a patient's address and an unknown one (medians over 20 interleaved tries)", async () => {
    const patients = await withTenant(h.a.orgId, async (tx) => {
      const repo = patientsRepo(tx, h.a.orgId);
      const made = [];
      for (let i = 0; i < 20; i++) {
        made.push(
          await repo.create({
            input: {
              mrn: `AR-T${i}`,
              firstName: "Tim",
              lastName: `Ing${i}`,
              dateOfBirth: "1985-05-05",
              email: `timing${i}-${Date.now()}@example.test`,
            },
          }),
        );
      }
      return made;
    });
    const times = { patient: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 20; i++) {
      for (const who of ["patient", "unknown"] as const) {
        const email = who === "patient" ? patients[i]!.email! : `stranger${i}-${Date.now()}@example.test`;
        const started = performance.now();
        const answer = await askFor(h.a.host, { email });
        times[who].push(performance.now() - started);
        expect(answer.status).toBe(202);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [known, unknown] = [median(times.patient), median(times.unknown)];
    console.info(`access report request, median ms: patient's address ${known.toFixed(1)}, unknown ${unknown.toFixed(1)}`);
    // Loose on purpose (a shared machine): an oracle shows as a consistent gap, not noise.
    const [low, high] = [Math.min(known, unknown), Math.max(known, unknown)];
    expect(high - low < 50 || high / low < 3).toBe(true);
  }, 120_000);

  it("a fourth request in the hour is answered the same and sends nothing more", async () => {
    const address = `often-${Date.now()}@example.test`;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await askFor(h.a.host, { email: address }));
    expect(new Set(answers.map((a) => JSON.stringify([a.status, a.body]))).size).toBe(1);
    expect(await mailsTo(h.a.orgId, address)).toHaveLength(3);
  });

  it("a malformed address or body is a 400 with a field error, and writes nothing", async () => {
    const before = await fingerprint(h.a.orgId);
    for (const body of [{ email: "not-an-address" }, { email: "" }, {}, { email: ["a@b.test"] }, { email: emailA, language: "xx" }]) {
      const answer = await askFor(h.a.host, body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: "validation" } });
    }
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("the page's action answers as the endpoint does and records the request as an anonymous visitor's", async () => {
    arriveAs({ host: h.a.host, path: "/access-report", session: null, headers: { "x-forwarded-for": nextIp() } });
    const result = await requestAccessReportAction({ email: `form-${Date.now()}@example.test`, language: "es" });
    expect(result).toMatchObject({ ok: true, data: { requested: true } });
    const [row] = await asOwner(
      (s) => s<{ actor_type: string; patient_id: string | null }[]>`
        select actor_type::text, patient_id from audit_logs
        where organization_id = ${h.a.orgId} and resource_type = 'access_report' order by occurred_at desc limit 1`,
    );
    expect(row).toEqual({ actor_type: "anonymous", patient_id: null });
  });
});

describe("opening the report", () => {
  it("lists every event naming the record or a record merged into it, with who, what and its place in the chain", async () => {
    await withTenant(h.a.orgId, (tx) => auditRepo(tx, h.a.orgId).seal());
    const report = await reportOf(h.a.host, token);
    expect(report.patient).toEqual({ firstName: "Pat", recordIds: expect.arrayContaining([h.a.patientId, mergedRecord]) });
    const kinds = report.events.map((e) => `${e.actor.kind}:${e.action}:${e.resourceType}:${e.records}`);
    expect(kinds).toEqual(expect.arrayContaining(["staff:view:patient:1", "staff:view:appointment_list:3", "system:update:patient:1"]));
    const staff = report.events.find((e) => e.actor.kind === "staff")!;
    expect(staff.actor).toEqual({ kind: "staff", name: expect.any(String), role: "clinician" });
    expect(staff.actor.name).not.toBe("");
    // The other patient's own event is not in it, and nothing names that patient.
    expect(report.events.filter((e) => e.resourceType === "patient" && e.action === "view")).toHaveLength(1);
    expect(JSON.stringify(report)).not.toContain(otherPatient);
    // Sealed events carry the chain's own hashes.
    const sealed = report.events.filter((e) => e.seq !== null);
    expect(sealed.length).toBeGreaterThanOrEqual(3);
    const rows = await asOwner(
      (s) => s<{ seq: string; row_hash: string; prev_hash: string }[]>`
        select seq::text, row_hash, prev_hash from audit_logs where organization_id = ${h.a.orgId} and seq is not null`,
    );
    const bySeq = new Map(rows.map((r) => [Number(r.seq), r]));
    for (const e of sealed)
      expect({ row: e.rowHash, prev: e.prevHash }).toEqual({ row: bySeq.get(e.seq!)!.row_hash, prev: bySeq.get(e.seq!)!.prev_hash });
    expect(report.chain.head!.seq).toBe(Math.max(...bySeq.keys()));
  });

  it("opening it is recorded, naming the patient", async () => {
    await reportOf(h.a.host, token);
    const [row] = await asOwner(
      (s) => s<{ actor_type: string; patient_id: string; action: string }[]>`
        select actor_type::text, patient_id, action::text from audit_logs
        where organization_id = ${h.a.orgId} and resource_type = 'access_report' and patient_id is not null
        order by occurred_at desc limit 1`,
    );
    expect(row).toEqual({ actor_type: "patient", patient_id: h.a.patientId, action: "view" });
  });

  it("a period of days: an empty past one, one in the wrong order or over a year, or not a date", async () => {
    const empty = await reportOf(h.a.host, token, "?from=2020-01-01&to=2020-01-31");
    expect(empty.events).toEqual([]);
    expect(empty.period).toMatchObject({ from: "2020-01-01", to: "2020-01-31" });
    for (const q of [
      "?from=2026-02-01&to=2026-01-01",
      "?from=2024-01-01&to=2025-12-31",
      "?from=2026-02-30",
      "?to=tomorrow",
      "?from=99999-01-01",
    ]) {
      const response = await open(h.a.host, token, q);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "validation" } });
    }
  });

  it("the far ends of the calendar are answered, not failed", async () => {
    for (const q of ["?from=9999-12-01&to=9999-12-31", "?from=0001-01-01&to=0001-01-31", "?from=1900-01-01&to=1900-12-31"]) {
      const response = await open(h.a.host, token, q);
      expect(response.status, q).toBe(200);
      expect(((await response.json()) as { data: Report }).data.events).toEqual([]);
    }
    // There is no year 0.
    expect((await open(h.a.host, token, "?from=0000-01-01&to=0000-01-02")).status).toBe(400);
  });

  it("as a file: the same JSON with a download name", async () => {
    const response = await open(h.a.host, token, `?from=${today}&to=${today}&download=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="access-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(((await response.json()) as { data: Report }).data.patient.firstName).toBe("Pat");
  });
});

describe("links that must not open a report", () => {
  it("on another hospital's host, tampered, expired, of another purpose, or naming another hospital's patient → 404, nothing of A shown", async () => {
    const inA = (id: string, hoursFromNow: number, purpose = ACCESS_REPORT_PURPOSE, orgId = h.a.orgId) =>
      signLinkToken({ purpose, orgId, id, expiresAt: new Date(Date.now() + hoursFromNow * 3_600_000) });
    const [body, sig] = token.split(".") as [string, string];
    const tampered = `${body.slice(0, -2)}${body.slice(-2) === "AA" ? "AB" : "AA"}.${sig}`;
    const cases: [string, string][] = [
      [h.b.host, token],
      [h.a.host, tampered],
      [h.a.host, inA(h.a.patientId, -1)],
      [h.a.host, inA(h.a.patientId, 24, "confirm-contact")],
      [h.a.host, inA(h.b.patientId, 24)],
      [h.a.host, inA(h.b.patientId, 24, ACCESS_REPORT_PURPOSE, h.b.orgId)],
      [h.a.host, "x".repeat(700)],
      [h.a.host, "%00"],
    ];
    const before = await fingerprint(h.b.orgId);
    for (const [host, t] of cases) {
      const response = await open(host, t);
      expect(response.status, `${host} ${t.slice(0, 20)}`).toBe(404);
      const text = await response.text();
      expect(text).not.toContain(h.a.patientId);
      expect(text).not.toContain("Pat");
    }
    expect(await fingerprint(h.b.orgId)).toBe(before);
  });

  it("a record merged away since the link was sent opens the record it went into; an unverified one does not open", async () => {
    const mergedLink = signLinkToken({
      purpose: ACCESS_REPORT_PURPOSE,
      orgId: h.a.orgId,
      id: mergedRecord,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect((await reportOf(h.a.host, mergedLink)).patient.recordIds).toContain(h.a.patientId);
    const unverified = await withTenant(h.a.orgId, (tx) =>
      patientsRepo(tx, h.a.orgId).create({
        input: { mrn: "AR-4", firstName: "Typed", lastName: "Online", dateOfBirth: "1990-01-01", recordStatus: "unverified" },
      }),
    );
    const link = signLinkToken({
      purpose: ACCESS_REPORT_PURPOSE,
      orgId: h.a.orgId,
      id: unverified.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect((await open(h.a.host, link)).status).toBe(404);
  });
});

describe("an auditor checks the report against the hospital's export", () => {
  let reportText: string;
  let exportText: string;

  beforeAll(async () => {
    await withTenant(h.a.orgId, (tx) => auditRepo(tx, h.a.orgId).seal());
    const response = await open(h.a.host, token, `?from=${today}&to=${today}&download=1`);
    reportText = await response.text();
    const key = (await withTenant(h.a.orgId, (tx) => createApiKey(tx, h.a.orgId, { name: "auditor", role: "admin", createdBy: null })))
      .token;
    const exportPath = `/api/v1/audit/export?from=${today}&to=${today}&format=ndjson`;
    const headers = { authorization: `Bearer ${key}`, "x-forwarded-for": nextIp() };
    arriveAs({ host: h.a.host, path: exportPath, session: null, headers });
    const exported = await exportRoute.GET(new Request(`http://${h.a.host}${exportPath}`, { headers }), { params: Promise.resolve({}) });
    expect(exported.status).toBe(200);
    exportText = await exported.text();
  });

  it("an honest report is confirmed: every listed event is the chain's row, none is missing", () => {
    const check = checkAccessReport(reportText, exportText);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.confirmed).toBe(check.listed);
    expect(check.listed).toBeGreaterThanOrEqual(3);
  });

  it("a report with an event left out, or a hash changed, fails", () => {
    const parsed = JSON.parse(reportText) as { data: Report };
    const missing = { data: { ...parsed.data, events: parsed.data.events.filter((e) => e.resourceType !== "appointment_list") } };
    expect(checkAccessReport(JSON.stringify(missing), exportText)).toMatchObject({ ok: false });
    expect(checkAccessReport(JSON.stringify(missing), exportText).problems.join()).toMatch(/missing from the report/);
    const changed = structuredClone(parsed);
    const first = changed.data.events.find((e) => e.seq !== null)!;
    first.rowHash = "0".repeat(64);
    expect(checkAccessReport(JSON.stringify(changed), exportText).problems.join()).toMatch(/other hashes/);
    expect(checkAccessReport("{}", exportText)).toMatchObject({ ok: false });
  });

  it("npm run audit:verify -- --file <export> --report <report>: exit 0 for the pair, 1 when the report leaves an event out", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "access-report-"));
    const exportFile = path.join(dir, "export.ndjson");
    const reportFile = path.join(dir, "report.json");
    const shortFile = path.join(dir, "short.json");
    await writeFile(exportFile, exportText);
    await writeFile(reportFile, reportText);
    const parsed = JSON.parse(reportText) as { data: Report };
    await writeFile(shortFile, JSON.stringify({ data: { ...parsed.data, events: parsed.data.events.slice(1) } }));
    const good = await runScript("scripts/audit-verify.ts", ["--file", exportFile, "--report", reportFile]);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toMatch(/no other row of its days names the patient/);
    const bad = await runScript("scripts/audit-verify.ts", ["--file", exportFile, "--report", shortFile]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/BROKEN/);
  });
});
