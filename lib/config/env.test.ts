import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./env";

describe("configuration", () => {
  it("has working defaults for a local run", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      rootDomain: "localhost",
      multiTenancy: true,
      openSignup: true,
      trustProxyHeaders: false,
      trustedProxyHops: 1,
      databasePoolMax: 10,
      databaseSessionRole: "agentcare_runtime",
      publicUrlScheme: "http",
      cookieSecure: false,
      mailFrom: "no-reply@localhost",
      auditSealIntervalSeconds: 5,
      auditMaxUnsealedAgeSeconds: 300,
    });
  });

  it("reads flags, numbers and derived values", () => {
    const c = parseConfig({
      ROOT_DOMAIN: "AgentCare.com:8443",
      MULTI_TENANCY: "false",
      DATABASE_POOL_MAX: "25",
      DATABASE_SESSION_ROLE: "none",
      DATABASE_PREPARED_STATEMENTS: "false",
      PUBLIC_URL_SCHEME: "https",
    });
    expect(c.databasePreparedStatements).toBe(false);
    expect(parseConfig({}).databasePreparedStatements).toBe(true);
    expect(c.rootDomain).toBe("agentcare.com:8443");
    expect(c.multiTenancy).toBe(false);
    expect(c.databasePoolMax).toBe(25);
    expect(c.databaseSessionRole).toBeNull();
    expect(c.cookieSecure).toBe(true);
    expect(c.mailFrom).toBe("no-reply@agentcare.com");
  });

  it("reads the audit sealing interval (0 turns the in-process sealer off) and the verify bound", () => {
    const c = parseConfig({ AUDIT_SEAL_INTERVAL_SECONDS: "0", AUDIT_MAX_UNSEALED_AGE_SECONDS: "60" });
    expect(c.auditSealIntervalSeconds).toBe(0);
    expect(c.auditMaxUnsealedAgeSeconds).toBe(60);
    expect(() => parseConfig({ AUDIT_MAX_UNSEALED_AGE_SECONDS: "0" })).toThrow(
      /AUDIT_MAX_UNSEALED_AGE_SECONDS must be a whole number from 1/,
    );
  });

  it("reads the audit anchors' directory, key and interval, which come together, without echoing the key", () => {
    const c = parseConfig({
      AUDIT_ANCHOR_DIR: "/var/lib/agentcare/anchors",
      AUDIT_ANCHOR_KEY: "c2VlZA==",
      AUDIT_ANCHOR_EVERY_MINUTES: "15",
    });
    expect(c).toMatchObject({ auditAnchorDir: "/var/lib/agentcare/anchors", auditAnchorKey: "c2VlZA==", auditAnchorEveryMinutes: 15 });
    expect(parseConfig({}).auditAnchorDir).toBeUndefined();
    expect(() => parseConfig({ AUDIT_ANCHOR_DIR: "/var/lib/agentcare/anchors" })).toThrow(
      /AUDIT_ANCHOR_DIR and AUDIT_ANCHOR_KEY are set together/,
    );
    let error: unknown;
    try {
      parseConfig({ AUDIT_ANCHOR_KEY: "very-secret-seed" });
    } catch (e) {
      error = e;
    }
    expect(String(error)).toMatch(/AUDIT_ANCHOR_KEY/);
    expect(String(error)).not.toContain("very-secret-seed");
  });

  it("names every bad variable and the form it expects", () => {
    let error: unknown;
    try {
      parseConfig({ DATABASE_POOL_MAX: "lots", MULTI_TENANCY: "maybe", DATABASE_URL: "mysql://x", PLATFORM_ADMIN_TOKEN: "short" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_POOL_MAX must be a whole number from 1 to 500 (got "lots")');
    expect(message).toContain('MULTI_TENANCY must be "true" or "false" (got "maybe")');
    expect(message).toContain("DATABASE_URL must be a PostgreSQL URL");
    expect(message).toContain("PLATFORM_ADMIN_TOKEN must be at least 16 characters");
  });

  it("never echoes a value that may hold a credential", () => {
    let message = "";
    try {
      parseConfig({ DATABASE_URL: "mysql://admin:hunter2-secret@db", PLATFORM_ADMIN_TOKEN: "tok3n", SMTP_URL: "ftp://u:mailpass@x" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("DATABASE_URL must be a PostgreSQL URL");
    expect(message).not.toMatch(/hunter2|tok3n|mailpass/);
  });

  it("refuses a short session secret", () => {
    expect(() => parseConfig({ NEXTAUTH_SECRET: "too-short" })).toThrow(/NEXTAUTH_SECRET must be at least 32 characters/);
  });
});
