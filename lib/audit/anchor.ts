import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

// External anchors of the audit chain: the head of an organization's chain (its newest seq and
// that row's hash), signed with an Ed25519 key the database never sees, and kept outside the
// database. A chain check alone cannot tell that the newest rows were deleted (the rest still links
// up); an anchor can: the anchored seq must still exist with the anchored hash. Pure apart from
// node:crypto, so the offline verifier uses it too.

export type AuditAnchor = {
  version: 1;
  organizationId: string;
  seq: number;
  headHash: string;
  /** ISO time the head was read. */
  anchoredAt: string;
  /** Which key signed it: the first 16 hex digits of the SHA-256 of the raw public key. */
  keyId: string;
  /** Ed25519 signature of `anchorMessage`, base64. */
  signature: string;
};

const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

function base64Bytes(text: string): Buffer | null {
  const clean = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(clean)) return null;
  return Buffer.from(clean.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/** An Ed25519 private key from a PKCS#8 PEM, or from its 32-byte seed in base64. */
export function anchorPrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) {
    const key = createPrivateKey(trimmed.replace(/\\n/g, "\n"));
    if (key.asymmetricKeyType !== "ed25519") throw new Error("the audit anchor key must be an Ed25519 key");
    return key;
  }
  const seed = base64Bytes(trimmed);
  if (!seed || seed.length !== 32) throw new Error("the audit anchor key must be a PEM private key or a 32-byte seed in base64");
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
}

/** An Ed25519 public key from an SPKI PEM, or from its 32 raw bytes in base64. */
export function anchorPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) {
    const key = createPublicKey(trimmed.replace(/\\n/g, "\n"));
    if (key.asymmetricKeyType !== "ed25519") throw new Error("the audit anchor public key must be an Ed25519 key");
    return key;
  }
  const raw = base64Bytes(trimmed);
  if (!raw || raw.length !== 32) throw new Error("the audit anchor public key must be a PEM public key or 32 bytes in base64");
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: "der", type: "spki" });
}

export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}

/** The public key as PEM, for the auditor who verifies without the private key. */
export function publicKeyPem(key: KeyObject): string {
  return key.export({ format: "pem", type: "spki" }).toString();
}

export function anchorKeyId(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(SPKI_ED25519_PREFIX.length);
  return createHash("sha256").update(raw).digest("hex").slice(0, 16);
}

/** What is signed: every field that matters, in a fixed order, with a purpose prefix. */
export function anchorMessage(a: Pick<AuditAnchor, "organizationId" | "seq" | "headHash" | "anchoredAt">): Buffer {
  return Buffer.from(`agentcare-audit-anchor:v1:${a.organizationId}:${a.seq}:${a.headHash}:${a.anchoredAt}`, "utf8");
}

export function signAnchor(
  privateKey: KeyObject,
  head: { organizationId: string; seq: number; headHash: string; anchoredAt: string },
): AuditAnchor {
  const keyId = anchorKeyId(publicKeyOf(privateKey));
  const signature = sign(null, anchorMessage(head), privateKey).toString("base64");
  return { version: 1, ...head, keyId, signature };
}

export function anchorSignatureValid(publicKey: KeyObject, anchor: AuditAnchor): boolean {
  try {
    if (anchor.keyId !== anchorKeyId(publicKey)) return false;
    return verify(null, anchorMessage(anchor), publicKey, Buffer.from(anchor.signature, "base64"));
  } catch {
    return false;
  }
}

/** One organization's anchors as stored (one JSON object per line); a line that is not an anchor is reported. */
export function parseAnchors(text: string): { anchors: AuditAnchor[]; unreadable: number[] } {
  const anchors: AuditAnchor[] = [];
  const unreadable: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const a = JSON.parse(line) as AuditAnchor;
      if (a?.version === 1 && typeof a.organizationId === "string" && Number.isInteger(a.seq) && typeof a.headHash === "string")
        anchors.push(a);
      else unreadable.push(i + 1);
    } catch {
      unreadable.push(i + 1);
    }
  });
  return { anchors, unreadable };
}

export type AnchorProblem = { anchor: AuditAnchor | null; line?: number; problem: string };

/**
 * Checks a chain against its anchors: each anchor's signature, and that the chain still holds the
 * anchored seq with the anchored hash. `rowHashAt` answers the chain's hash at a seq (undefined when
 * the row is gone); `lastSeq` is the chain's newest seq (0 when empty).
 */
export function checkAnchors(
  organizationId: string,
  parsed: { anchors: AuditAnchor[]; unreadable: number[] },
  publicKey: KeyObject,
  rowHashAt: (seq: number) => string | undefined,
  lastSeq: number,
): { checked: number; problems: AnchorProblem[] } {
  const problems: AnchorProblem[] = parsed.unreadable.map((line) => ({
    anchor: null,
    line,
    problem: `line ${line} of the anchors is not an anchor`,
  }));
  let checked = 0;
  for (const anchor of parsed.anchors) {
    if (anchor.organizationId !== organizationId) {
      problems.push({ anchor, problem: `an anchor of another organization (${anchor.organizationId}) is in this organization's anchors` });
      continue;
    }
    if (!anchorSignatureValid(publicKey, anchor)) {
      problems.push({
        anchor,
        problem: `the anchor of seq ${anchor.seq} (${anchor.anchoredAt}) does not carry a valid signature of this key`,
      });
      continue;
    }
    checked += 1;
    const hash = rowHashAt(anchor.seq);
    if (hash === undefined) {
      problems.push({
        anchor,
        problem:
          anchor.seq > lastSeq
            ? `the chain ends at seq ${lastSeq}, but it reached seq ${anchor.seq} when anchored at ${anchor.anchoredAt}: its newest rows were removed`
            : `seq ${anchor.seq}, anchored at ${anchor.anchoredAt}, is missing from the chain`,
      });
    } else if (hash !== anchor.headHash) {
      problems.push({
        anchor,
        problem: `seq ${anchor.seq} no longer has the hash anchored at ${anchor.anchoredAt}: the chain was rewritten`,
      });
    }
  }
  return { checked, problems };
}
