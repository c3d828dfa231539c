// Signed anchors of the audit chain, kept outside the database: they make the one tampering the
// chain cannot show by itself — deleting its newest rows — detectable, by the verifier with the
// database and by the offline verifier of an export.
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { anchorKeyId, anchorPrivateKey, anchorPublicKey, anchorSignatureValid, parseAnchors, publicKeyPem } from "@/lib/audit/anchor";
import { anchorFile, anchorOrganization, checkOrganizationAnchors, type AnchorSettings } from "@/lib/audit/anchor-store";
import { auditRepo } from "@/lib/audit/repository";
import { verifyOrganizationChain } from "@/lib/audit/verify";
import { withTenant } from "@/lib/db/tenant";
import { twoHospitals, type Hospitals } from "./support/action-attacks";
import { runScript } from "./support/cli";
import { asOwner } from "./support/owner";
import { arriveAs } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const exportRoute = await import("@/app/api/v1/audit/export/route");

const keys = generateKeyPairSync("ed25519");
const otherKeys = generateKeyPairSync("ed25519");
const privatePem = keys.privateKey.export({ format: "pem", type: "pkcs8" }).toString();

let h: Hospitals;
let dir: string;
let settings: AnchorSettings;
let publicKeyFile: string;
let firstSeq: number;
let otherPublicKeyFile: string;

async function record(orgId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await withTenant(orgId, (tx) =>
      auditRepo(tx, orgId).record({ actor: { type: "system" }, action: "update", resourceType: "settings", metadata: { i } }),
    );
  }
}

async function head(orgId: string) {
  const [row] = await asOwner(
    (s) =>
      s<
        { seq: number; row_hash: string }[]
      >`select seq::int, row_hash from audit_logs where organization_id = ${orgId} and seq is not null order by seq desc limit 1`,
  );
  return row!;
}

beforeAll(async () => {
  h = await twoHospitals("anchors");
  dir = await mkdtemp(path.join(tmpdir(), "audit-anchors-"));
  settings = { dir, privateKey: anchorPrivateKey(privatePem), everyMinutes: 60 };
  publicKeyFile = path.join(dir, "anchor-key.pub.pem");
  otherPublicKeyFile = path.join(dir, "other-key.pub.pem");
  await writeFile(publicKeyFile, publicKeyPem(keys.publicKey));
  await writeFile(otherPublicKeyFile, publicKeyPem(otherKeys.publicKey));
  await record(h.a.orgId, 5);
  await record(h.b.orgId, 2);
});

describe("keys", () => {
  it("a PEM key and its 32-byte seed in base64 are the same key; a public key reads from PEM or its raw bytes", () => {
    const seed = keys.privateKey.export({ format: "jwk" }).d!;
    const raw = keys.publicKey.export({ format: "jwk" }).x!;
    expect(anchorKeyId(anchorPublicKey(raw))).toBe(anchorKeyId(keys.publicKey));
    const fromSeed = anchorPrivateKey(seed);
    expect(anchorKeyId(anchorPublicKey(publicKeyPem(keys.publicKey)))).toBe(anchorKeyId(keys.publicKey));
    expect(fromSeed.export({ format: "jwk" }).d).toBe(seed);
    expect(() => anchorPrivateKey("not a key")).toThrow(/PEM private key or a 32-byte seed/);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(() => anchorPrivateKey(rsa)).toThrow(/Ed25519/);
  });
});

describe("anchoring the chain head", () => {
  it("signs the head and appends it to the organization's own file, outside the database", async () => {
    const now = new Date();
    const anchor = await anchorOrganization(h.a.orgId, now, settings);
    const current = await head(h.a.orgId);
    expect(anchor).toMatchObject({
      organizationId: h.a.orgId,
      seq: current.seq,
      headHash: current.row_hash,
      anchoredAt: now.toISOString(),
    });
    firstSeq = anchor!.seq;
    expect(anchorSignatureValid(keys.publicKey, anchor!)).toBe(true);
    expect(anchorSignatureValid(otherKeys.publicKey, anchor!)).toBe(false);
    const lines = (await readFile(anchorFile(dir, h.a.orgId), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual(anchor);
    expect(await anchorOrganization(h.b.orgId, now, settings)).toMatchObject({ organizationId: h.b.orgId });
    expect((await readFile(anchorFile(dir, h.a.orgId), "utf8")).trim().split("\n")).toHaveLength(1);
  });

  it("adds nothing while the head has not moved, or within the interval; anchors the new head after it", async () => {
    const base = Date.now() + 1_000;
    expect(await anchorOrganization(h.a.orgId, new Date(base + 2 * 3_600_000), settings)).toBeNull();
    await record(h.a.orgId, 2);
    expect(await anchorOrganization(h.a.orgId, new Date(base + 30 * 60_000), settings)).toBeNull();
    const later = await anchorOrganization(h.a.orgId, new Date(base + 61 * 60_000), settings);
    expect(later?.seq).toBe((await head(h.a.orgId)).seq);
    const stored = parseAnchors(await readFile(anchorFile(dir, h.a.orgId), "utf8"));
    expect(stored.anchors.map((a) => a.seq)).toEqual([firstSeq, firstSeq + 2]);
  });

  it("an intact chain matches all its anchors", async () => {
    expect(await checkOrganizationAnchors(h.a.orgId, dir, keys.publicKey)).toMatchObject({ checked: 2, problems: [] });
  });
});

describe("what the anchors catch", () => {
  let exportText: string;

  beforeAll(async () => {
    const { token } = await withTenant(h.a.orgId, (tx) => createApiKey(tx, h.a.orgId, { name: "auditor", role: "admin", createdBy: null }));
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const query = `?from=${day(-1)}&to=${day(1)}&format=ndjson`;
    const headers = { authorization: `Bearer ${token}`, "x-forwarded-for": "10.45.0.1" };
    arriveAs({ host: h.a.host, path: `/api/v1/audit/export${query}`, session: null, headers });
    const response = await exportRoute.GET(new Request(`http://${h.a.host}/api/v1/audit/export${query}`, { headers }), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    exportText = await response.text();
  });

  it("an export verifies offline against the anchors in its range (exit 0), and not against another key (exit 1)", async () => {
    const file = path.join(dir, "export.ndjson");
    await writeFile(file, exportText);
    const ok = await runScript("scripts/audit-verify.ts", ["--file", file, "--anchors", dir, "--public-key", publicKeyFile]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/2 signed anchors in its range match/);
    const wrongKey = await runScript("scripts/audit-verify.ts", ["--file", file, "--anchors", dir, "--public-key", otherPublicKeyFile]);
    expect(wrongKey.code, wrongKey.stdout + wrongKey.stderr).toBe(1);
    expect(wrongKey.stdout).toMatch(/does not carry a valid signature of this key/);
  });

  it("the newest rows deleted behind the app's back: the chain alone still links up, the anchors say what went", async () => {
    const before = await head(h.a.orgId);
    await asOwner(async (s) => {
      await s`alter table audit_logs disable trigger user`;
      await s`delete from audit_logs where organization_id = ${h.a.orgId} and seq > ${before.seq - 3}`;
      await s`alter table audit_logs enable trigger user`;
    });
    expect((await verifyOrganizationChain(h.a.orgId)).firstBreak).toBeUndefined();
    // The first anchor (still in the chain) matches; the second names what is gone.
    const report = await checkOrganizationAnchors(h.a.orgId, dir, keys.publicKey);
    expect(report.problems.map((p) => p.problem)).toEqual([
      `the chain ends at seq ${before.seq - 3}, but it reached seq ${firstSeq + 2} when anchored at ${report.problems[0]!.anchor!.anchoredAt}: its newest rows were removed`,
    ]);
    // Hospital B's chain and anchors are untouched.
    expect(await checkOrganizationAnchors(h.b.orgId, dir, keys.publicKey)).toMatchObject({ checked: 1, problems: [] });
  });

  it("`npm run audit:verify -- --anchors --public-key` names the truncated organization and exits 1", async () => {
    const { code, stdout, stderr } = await runScript("scripts/audit-verify.ts", ["--anchors", dir, "--public-key", publicKeyFile]);
    expect(stderr).not.toMatch(/audit:verify failed/);
    expect(code, stdout + stderr).toBe(1);
    expect(stdout).toMatch(
      new RegExp(`BROKEN organization ${h.a.orgId}: the chain ends at seq \\d+, but it reached seq \\d+ when anchored`),
    );
    expect(stdout).toMatch(new RegExp(`ok     organization ${h.b.orgId}: \\d+ rows, chain intact, 1 signed anchors match`));
  });

  it("an anchor edited in its file no longer verifies, and is reported", async () => {
    const file = anchorFile(dir, h.b.orgId);
    const [line] = (await readFile(file, "utf8")).trim().split("\n");
    const edited = { ...JSON.parse(line!), seq: 1 };
    await writeFile(file, `${line}\n${JSON.stringify(edited)}\nnot json\n`);
    const report = await checkOrganizationAnchors(h.b.orgId, dir, keys.publicKey);
    expect(report.checked).toBe(1);
    expect(report.problems.map((p) => p.problem)).toEqual([
      "line 3 of the anchors is not an anchor",
      expect.stringMatching(/^the anchor of seq 1 .* does not carry a valid signature of this key$/),
    ]);
  });
});
