import { createHash } from "node:crypto";

// The audit chain's hashes, recomputed outside the database. PostgreSQL seals each row with
// sha256(prev_hash || the text of a jsonb array of the row's fields) (public.audit_row_hash); this
// module writes that same text from an exported row, so an auditor can re-verify an export with no
// access to the database. The text follows jsonb's output rules: object keys ordered by length and
// then bytewise, ", " and ": " separators, strings escaped as PostgreSQL escapes them.

/** One sealed audit row as exported: the fields the hash covers, and the chain links. */
export type ExportedAuditRow = {
  organizationId: string;
  seq: number;
  id: string;
  /** Microseconds since 1970-01-01 UTC: the hash covers the database's full precision. */
  occurredAtMicros: number;
  occurredAt: string;
  actorUserId: string | null;
  actorType: string;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  patientIds: string[];
  resourceIds: string[];
  outcome: string;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
  prevHash: string;
  rowHash: string;
};

function jsonbString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A JSON number as jsonb prints it: plain digits, never an exponent. */
function jsonbNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error("an audit row holds a number JSON cannot represent");
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Exponent forms (1e21, 1e-7) are written out in full, as PostgreSQL's numeric does.
  const [mantissa, exponentText] = text.toLowerCase().split("e") as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const [whole, fraction = ""] = mantissa.replace("-", "").split(".") as [string, string?];
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let plain: string;
  if (point <= 0) plain = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + "0".repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? "-" : "") + plain;
}

const utf8 = (s: string) => Buffer.from(s, "utf8");

/** jsonb's key order: shorter keys first, then bytewise. */
function jsonbKeyOrder(a: string, b: string): number {
  const ab = utf8(a);
  const bb = utf8(b);
  return ab.length - bb.length || Buffer.compare(ab, bb);
}

/** The text PostgreSQL prints for a jsonb value. */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return jsonbString(value);
  if (typeof value === "number") return jsonbNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => jsonbKeyOrder(a, b));
    return `{${entries.map(([k, v]) => `${jsonbString(k)}: ${jsonbText(v)}`).join(", ")}}`;
  }
  throw new Error(`an audit row holds a ${typeof value}, which JSON cannot represent`);
}

/** The text a row's hash covers, as public.audit_row_hash builds it. */
export function auditRowText(row: ExportedAuditRow): string {
  const fields: unknown[] = [
    row.organizationId,
    row.seq,
    row.id,
    row.occurredAtMicros,
    row.actorUserId,
    row.actorType,
    row.actorRole,
    row.action,
    row.resourceType,
    row.resourceId,
    row.patientId,
    row.outcome,
    row.requestId,
    row.ip,
    row.userAgent,
    row.metadata,
  ];
  if (row.patientIds.length || row.resourceIds.length) fields.push(row.patientIds, row.resourceIds);
  return jsonbText(fields);
}

export function auditRowHash(prevHash: string, row: ExportedAuditRow): string {
  return createHash("sha256")
    .update(prevHash + auditRowText(row), "utf8")
    .digest("hex");
}

/** Where every organization's chain starts: the first row's prev_hash. */
export function auditGenesisHash(organizationId: string): string {
  return createHash("sha256").update(`agentcare-audit-genesis:${organizationId}`, "utf8").digest("hex");
}

/** The first line of an NDJSON export: what it covers and where it sits in the chain. */
export type ExportHeader = {
  type: "agentcare-audit-export";
  version: 1;
  organizationId: string;
  from: string;
  to: string;
  exportedAt: string;
  rows: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** The chain's hash before the first row (the genesis hash when the export starts the chain). */
  prevHash: string | null;
  /** The last row's hash: the chain head as of the export's end. */
  headHash: string | null;
  /** Rows in the range not yet sealed into the chain when exported (not in the file). */
  unsealedRows: number;
};

export type ExportCheck =
  | { ok: true; rows: number; firstSeq: number | null; lastSeq: number | null; headHash: string | null; startsChain: boolean }
  | { ok: false; rows: number; line: number; reason: string };

/**
 * Verifies an NDJSON export with nothing but the file: the header, then one row per line in chain
 * order; every seq follows the one before, every prev_hash is the previous row's hash (the first
 * one the header's, and the genesis hash when the export starts at seq 1), and every row's hash is
 * recomputed from its fields. Any edited, removed, added or reordered row fails.
 */
export function verifyExportText(text: string): ExportCheck {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (!lines.length) return { ok: false, rows: 0, line: 1, reason: "the file is empty" };
  let header: ExportHeader;
  try {
    header = JSON.parse(lines[0]!) as ExportHeader;
  } catch {
    return { ok: false, rows: 0, line: 1, reason: "the first line is not JSON" };
  }
  if (header?.type !== "agentcare-audit-export" || header.version !== 1) {
    return { ok: false, rows: 0, line: 1, reason: "the first line is not an AgentCare audit export header" };
  }
  let prev = header.prevHash;
  let expectedSeq = header.firstSeq;
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    let row: ExportedAuditRow & { type?: string };
    try {
      row = JSON.parse(lines[i]!) as ExportedAuditRow & { type?: string };
    } catch {
      return { ok: false, rows, line: lineNo, reason: "the line is not JSON" };
    }
    if (row.organizationId !== header.organizationId)
      return { ok: false, rows, line: lineNo, reason: "the row is of another organization" };
    if (row.seq !== expectedSeq) return { ok: false, rows, line: lineNo, reason: `expected seq ${expectedSeq}, found ${row.seq}` };
    if (row.seq === 1 && row.prevHash !== auditGenesisHash(header.organizationId)) {
      return { ok: false, rows, line: lineNo, reason: "the first row of the chain does not start from the organization's genesis hash" };
    }
    if (row.prevHash !== prev) return { ok: false, rows, line: lineNo, reason: "prev_hash does not match the previous row's hash" };
    let recomputed: string;
    try {
      recomputed = auditRowHash(row.prevHash, row);
    } catch (e) {
      return { ok: false, rows, line: lineNo, reason: (e as Error).message };
    }
    if (recomputed !== row.rowHash) return { ok: false, rows, line: lineNo, reason: "the row's fields no longer match its hash" };
    prev = row.rowHash;
    expectedSeq = row.seq + 1;
    rows += 1;
  }
  if (rows !== header.rows)
    return { ok: false, rows, line: lines.length, reason: `the header announces ${header.rows} rows, the file has ${rows}` };
  if (rows && (prev !== header.headHash || expectedSeq === null || expectedSeq - 1 !== header.lastSeq)) {
    return { ok: false, rows, line: lines.length, reason: "the last row is not the head the header names" };
  }
  return {
    ok: true,
    rows,
    firstSeq: header.firstSeq,
    lastSeq: header.lastSeq,
    headHash: header.headHash,
    startsChain: header.firstSeq === 1,
  };
}
