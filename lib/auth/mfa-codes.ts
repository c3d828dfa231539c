import "server-only";
import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";

// The pure half of authenticator-app sign-in: codes, recovery codes and the secret's encryption.
// SHA-1, 6 digits and 30-second steps are what every authenticator app understands.

export const TOTP_PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

function totpFor(secretBase32: string, label = "account"): TOTP {
  return new TOTP({
    issuer: "AgentCare",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random 160-bit secret, base32 (what manual entry in an authenticator app takes). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address a QR code carries. */
export function otpauthUri(secretBase32: string, accountLabel: string): string {
  return totpFor(secretBase32, accountLabel).toString();
}

/** The code for a moment (tests and the e2e spec generate codes the same way an app does). */
export function totpCode(secretBase32: string, at: number = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: at });
}

export function stepAt(at: number): number {
  return Math.floor(at / 1000 / TOTP_PERIOD_SECONDS);
}

/** Six digits, with spaces or a dash in the middle tolerated. */
export function normalizeTotp(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The 30-second step a code belongs to when it is valid now, one step before or one step after
 * (clock drift), and newer than `lastUsedStep` — a code already accepted (or one older than it) is
 * a replay. Null otherwise.
 */
export function acceptedStep(secretBase32: string, code: string, lastUsedStep: number | null, at: number = Date.now()): number | null {
  const token = normalizeTotp(code);
  if (!token) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: at, window: 1 });
  if (delta === null) return null;
  const step = stepAt(at) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return null;
  return step;
}

// ───────────── recovery codes ─────────────

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes like `k7m2p-x9qrt`, about 49 bits each: hashing them with SHA-256 is enough. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Lower case, without spaces or dashes, or null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, "");
  return compact.length === 10 && [...compact].every((c) => RECOVERY_ALPHABET.includes(c)) ? compact : null;
}

export function hashRecoveryCode(normalized: string): string {
  return crypto.createHash("sha256").update(`agentcare-recovery:${normalized}`).digest("hex");
}

/** The digest kept for a code as someone typed it, or null when it cannot be a recovery code. */
export function recoveryCodeDigest(input: string): string | null {
  const normalized = normalizeRecoveryCode(input);
  return normalized ? hashRecoveryCode(normalized) : null;
}

/** The digests kept for freshly issued codes (the codes themselves are shown once and never stored). */
export function recoveryCodeDigests(codes: readonly string[]): string[] {
  return codes.map((code) => hashRecoveryCode(normalizeRecoveryCode(code)!));
}

// ───────────── the secret at rest ─────────────

/** A 256-bit key for one purpose, derived from the application's secret (HKDF-SHA-256). */
export function deriveKey(applicationSecret: string, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", applicationSecret, "agentcare-mfa", purpose, 32));
}

/** The key that encrypts authenticator secrets at rest. */
export function totpSecretKey(applicationSecret: string): Buffer {
  return deriveKey(applicationSecret, "totp-secret-v1");
}

/** AES-256-GCM; `v1.<iv>.<tag>.<ciphertext>` in base64url. The user id is bound as associated data. */
export function encryptSecret(key: Buffer, plaintext: string, userId: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(userId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The plaintext, or an error when the ciphertext was altered, moved to another user or the key changed. */
export function decryptSecret(key: Buffer, stored: string, userId: string): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !ciphertext) throw new Error("unrecognised two-factor secret format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
