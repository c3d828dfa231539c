import { describe, expect, it } from "vitest";
import {
  acceptedStep,
  decryptSecret,
  deriveKey,
  encryptSecret,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUri,
  recoveryCodeDigest,
  recoveryCodeDigests,
  stepAt,
  totpCode,
  totpSecretKey,
} from "./mfa-codes";

const AT = Date.UTC(2030, 2, 4, 14, 0, 10); // 10 s into a 30-second step

describe("authenticator codes", () => {
  const secret = newTotpSecret();

  it("accepts the current code and answers its step", () => {
    expect(acceptedStep(secret, totpCode(secret, AT), null, AT)).toBe(stepAt(AT));
  });

  it("accepts one step of drift either way, and no more", () => {
    expect(acceptedStep(secret, totpCode(secret, AT - 30_000), null, AT)).toBe(stepAt(AT) - 1);
    expect(acceptedStep(secret, totpCode(secret, AT + 30_000), null, AT)).toBe(stepAt(AT) + 1);
    expect(acceptedStep(secret, totpCode(secret, AT - 60_000), null, AT)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, AT + 60_000), null, AT)).toBeNull();
  });

  it("refuses a code for a step already used (replay), or an older one", () => {
    const code = totpCode(secret, AT);
    expect(acceptedStep(secret, code, stepAt(AT), AT)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, AT - 30_000), stepAt(AT), AT)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, AT + 30_000), stepAt(AT), AT)).toBe(stepAt(AT) + 1);
  });

  it("refuses another secret's code and anything that is not six digits", () => {
    expect(acceptedStep(newTotpSecret(), totpCode(secret, AT), null, AT)).toBeNull();
    expect(acceptedStep(secret, "12345", null, AT)).toBeNull();
    expect(acceptedStep(secret, "abcdef", null, AT)).toBeNull();
    const code = totpCode(secret, AT);
    expect(acceptedStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, AT)).toBe(stepAt(AT));
  });

  it("describes the account for authenticator apps: SHA1, 6 digits, 30 s", () => {
    const uri = otpauthUri(secret, "ana@example.test");
    expect(uri).toMatch(/^otpauth:\/\/totp\/AgentCare:ana%40example\.test\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("algorithm=SHA1");
    expect(uri).toContain("digits=6");
    expect(uri).toContain("period=30");
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes that normalise whatever the case and dashes", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const [first] = codes;
    expect(normalizeRecoveryCode(first!.toUpperCase())).toBe(first!.replace("-", ""));
    expect(normalizeRecoveryCode(` ${first!.replace("-", " ")} `)).toBe(first!.replace("-", ""));
  });

  it("hash to a digest that is not the code, the same for the same code", () => {
    const digest = hashRecoveryCode("abcdefghjk");
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain("abcdefghjk");
    expect(hashRecoveryCode("abcdefghjk")).toBe(digest);
    expect(hashRecoveryCode("abcdefghjm")).not.toBe(digest);
  });

  it("are kept as the digests of their normal form, and a typed code finds the same digest", () => {
    const issued = newRecoveryCodes(2);
    const kept = recoveryCodeDigests(issued);
    expect(kept).toEqual(issued.map((code) => hashRecoveryCode(normalizeRecoveryCode(code)!)));
    expect(recoveryCodeDigest(` ${issued[0]!.toUpperCase()} `)).toBe(kept[0]);
    expect(recoveryCodeDigest("123456")).toBeNull();
  });

  it("refuse input that cannot be a recovery code", () => {
    expect(normalizeRecoveryCode("123456")).toBeNull();
    expect(normalizeRecoveryCode("abcde-fghi1")).toBeNull();
  });
});

describe("the secret at rest", () => {
  const key = totpSecretKey("a-test-application-secret-of-32-characters");
  const userId = "7f8a3c1e-9f1b-4a0e-8d7c-2b1f6a5e4d3c";

  it("round-trips, and the stored text holds no trace of the secret", () => {
    const secret = newTotpSecret();
    const stored = encryptSecret(key, secret, userId);
    expect(stored.startsWith("v1.")).toBe(true);
    expect(stored).not.toContain(secret);
    expect(decryptSecret(key, stored, userId)).toBe(secret);
    expect(encryptSecret(key, secret, userId)).not.toBe(stored); // a fresh IV each time
  });

  it("refuses another key, another user's row, and altered ciphertext", () => {
    const stored = encryptSecret(key, newTotpSecret(), userId);
    expect(() => decryptSecret(totpSecretKey("another-application-secret-of-32-chars!!"), stored, userId)).toThrow();
    expect(() => decryptSecret(key, stored, "00000000-0000-4000-8000-000000000000")).toThrow();
    const parts = stored.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret(key, [parts[0], parts[1], parts[2], flipped.toString("base64url")].join("."), userId)).toThrow();
  });

  it("derives different keys for different purposes", () => {
    expect(deriveKey("s".repeat(32), "a").equals(deriveKey("s".repeat(32), "b"))).toBe(false);
  });
});
