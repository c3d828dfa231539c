import { z } from "zod";

// The one place that reads the environment. Edge-safe (middleware imports it): no Node APIs.
// Parsed on first use and kept; a launcher that changes process.env afterwards calls reloadConfig().

const flag = (name: string, fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", ""], `${name} must be "true" or "false"`)
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : v === "true" || v === "1"));

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** SERVER_V8_THREADS unset: sized to the machine's cores (see serverV8Threads). */
const V8_THREADS_BY_CORES = -1;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"], "NODE_ENV must be development, production or test").default("development"),
    DATABASE_URL: optionalText.refine(
      (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
      "DATABASE_URL must be a PostgreSQL URL such as postgres://user@host:5432/agentcare",
    ),
    DATABASE_SESSION_ROLE: z
      .string()
      .default("agentcare_runtime")
      .refine((v) => v === "" || v === "none" || /^[a-z_][a-z0-9_]*$/.test(v), "DATABASE_SESSION_ROLE must be a role name or none")
      .transform((v) => (v === "" || v === "none" ? null : v)),
    DATABASE_POOL_MAX: wholeNumber("DATABASE_POOL_MAX", 1, 500, 10),
    SERVER_HEAP_MB: wholeNumber("SERVER_HEAP_MB", 0, 65_536, 320),
    SERVER_V8_THREADS: wholeNumber("SERVER_V8_THREADS", 0, 64, V8_THREADS_BY_CORES),
    DATABASE_PREPARED_STATEMENTS: flag("DATABASE_PREPARED_STATEMENTS", true),
    RATE_LIMIT_SCALE: wholeNumber("RATE_LIMIT_SCALE", 1, 1_000_000, 1),
    REDIS_URL: optionalText.refine(
      (v) => v === undefined || /^rediss?:\/\//.test(v),
      "REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379",
    ),
    REDIS_KEY_PREFIX: z
      .string()
      .default("agentcare:")
      .refine((v) => /^[A-Za-z0-9:_.-]{1,64}$/.test(v), "REDIS_KEY_PREFIX must be 1-64 letters, digits or : _ . -"),
    RATE_LIMIT_WITHOUT_REDIS: z.enum(["local", "refuse"], 'RATE_LIMIT_WITHOUT_REDIS must be "local" or "refuse"').default("local"),
    SECURITY_ALERT_WINDOW_MINUTES: wholeNumber("SECURITY_ALERT_WINDOW_MINUTES", 1, 10_080, 60),
    SECURITY_ALERT_EMAILS: optionalText.refine(
      (v) => v === undefined || v.split(",").every((a) => /^[^\s@,;<>]+@[^\s@,;<>]+$/.test(a.trim())),
      "SECURITY_ALERT_EMAILS must be e-mail addresses separated by commas",
    ),
    SECURITY_ALERT_WEBHOOK_URL: optionalText.refine(
      (v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v),
      "SECURITY_ALERT_WEBHOOK_URL must be an http(s) URL",
    ),
    SECURITY_ALERT_WEBHOOK_SECRET: optionalText.refine(
      (v) => v === undefined || /^whsec_[A-Za-z0-9+/=]{32,}$/.test(v),
      "SECURITY_ALERT_WEBHOOK_SECRET must be whsec_ followed by at least 32 base64 characters",
    ),
    AGENTCARE_RUNTIME_PASSWORD: z.string().default(""),
    ROOT_DOMAIN: z
      .string()
      .default("localhost")
      .transform((v) => v.trim().toLowerCase())
      .refine(
        (v) => /^[a-z0-9.-]+(:\d{1,5})?$/.test(v) && !v.startsWith(".") && !v.endsWith("."),
        "ROOT_DOMAIN must be a host name with an optional port, such as agentcare.com or localhost:3000",
      ),
    TRUST_PROXY_HEADERS: flag("TRUST_PROXY_HEADERS", false),
    DIRECT_API: flag("DIRECT_API", true),
    PAGE_CACHE: flag("PAGE_CACHE", true),
    TRUSTED_PROXY_HOPS: wholeNumber("TRUSTED_PROXY_HOPS", 1, 10, 1),
    MULTI_TENANCY: flag("MULTI_TENANCY", true),
    OPEN_SIGNUP: flag("OPEN_SIGNUP", true),
    NEXTAUTH_SECRET: optionalText,
    AUTH_SECRET: optionalText,
    COOKIE_SECURE: z
      .enum(["true", "false", ""], 'COOKIE_SECURE must be "true" or "false"')
      .optional()
      .transform((v) => (v === undefined || v === "" ? undefined : v === "true")),
    PUBLIC_URL_SCHEME: z.enum(["http", "https"], "PUBLIC_URL_SCHEME must be http or https").default("http"),
    PLATFORM_ADMIN_TOKEN: optionalText.refine(
      (v) => v === undefined || v.length >= 16,
      "PLATFORM_ADMIN_TOKEN must be at least 16 characters",
    ),
    SMTP_URL: optionalText.refine(
      (v) => v === undefined || /^smtps?:\/\//.test(v),
      "SMTP_URL must look like smtp://user:pass@mail.example.com:587",
    ),
    MAIL_FROM: optionalText,
    TWILIO_API_BASE_URL: optionalText.refine(
      (v) => v === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v),
      "TWILIO_API_BASE_URL must be an http(s) URL such as https://api.twilio.com",
    ),
    SMS_DELIVERY: flag("SMS_DELIVERY", false),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: flag("WEBHOOK_ALLOW_PRIVATE_TARGETS", false),
    SSO_ALLOW_PRIVATE_ISSUERS: flag("SSO_ALLOW_PRIVATE_ISSUERS", false),
    SESSION_MAX_AGE_HOURS: wholeNumber("SESSION_MAX_AGE_HOURS", 1, 168, 12),
    SESSION_IDLE_MINUTES: wholeNumber("SESSION_IDLE_MINUTES", 1, 1440, 30),
    DNS_TXT_OVERRIDES_FILE: optionalText,
    AUDIT_SEAL_INTERVAL_SECONDS: wholeNumber("AUDIT_SEAL_INTERVAL_SECONDS", 0, 3600, 5),
    AUDIT_MAX_UNSEALED_AGE_SECONDS: wholeNumber("AUDIT_MAX_UNSEALED_AGE_SECONDS", 1, 86_400, 300),
    AUDIT_VERIFY_EVERY_HOURS: wholeNumber("AUDIT_VERIFY_EVERY_HOURS", 1, 24 * 31, 24),
    AUDIT_ANCHOR_DIR: optionalText,
    AUDIT_ANCHOR_KEY: optionalText,
    AUDIT_ANCHOR_EVERY_MINUTES: wholeNumber("AUDIT_ANCHOR_EVERY_MINUTES", 1, 24 * 60, 60),
    OUTBOX_LEASE_SECONDS: wholeNumber("OUTBOX_LEASE_SECONDS", 4, 3600, 300),
    WORKER_STATUS_PORT: wholeNumber("WORKER_STATUS_PORT", 0, 65535, 0),
    LOG_LEVEL: z
      .enum(
        ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
        "LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent",
      )
      .optional(),
  })
  .refine((raw) => Boolean(raw.AUDIT_ANCHOR_DIR) === Boolean(raw.AUDIT_ANCHOR_KEY), {
    message: "AUDIT_ANCHOR_DIR and AUDIT_ANCHOR_KEY are set together (or neither)",
    path: ["AUDIT_ANCHOR_KEY"],
  });

type Raw = z.infer<typeof schema>;

export type Config = {
  nodeEnv: Raw["NODE_ENV"];
  production: boolean;
  databaseUrl: string | undefined;
  databaseSessionRole: string | null;
  databasePoolMax: number;
  /**
   * The production server's V8 old-space ceiling in MB (0: V8's own, a quarter of the machine's
   * memory up to 4 GB). Under load V8 otherwise keeps collected space committed far above the live
   * heap; with a ceiling it collects sooner and the process stays small.
   */
  serverHeapMb: number;
  /**
   * V8's helper threads in the production server (`--v8-pool-size`): they mark, scavenge and sweep
   * beside the main thread and compile hot code. Null when unset: one fewer than the machine's
   * cores, at least one and at most four (V8's own default, whatever the cores). On a small machine
   * four helpers compete with the main thread and the database for the same cores; `0` keeps V8's
   * default.
   */
  serverV8Threads: number | null;
  /**
   * Named prepared statements kept per connection. Off behind a transaction-mode pooler that cannot
   * follow them from one server connection to the next (PgBouncer before 1.21).
   */
  databasePreparedStatements: boolean;
  /** Multiplies every per-minute request limit; 1 in production, raised only by load benchmarks. */
  rateLimitScale: number;
  /** Shared state for several instances (caches' invalidation, rate limits); undefined: this process only. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel (several deployments or test runs can share one Redis). */
  redisKeyPrefix: string;
  /** While Redis is unreachable: count limits in this process ("local") or refuse with 503 ("refuse"). */
  rateLimitWithoutRedis: "local" | "refuse";
  /** At most one security alert per scope (the platform, or an organization) and kind in this window. */
  securityAlertWindowMinutes: number;
  /** Extra recipients of every security alert, besides the platform operators' accounts. */
  securityAlertEmails: string[];
  /** Where security alerts are also posted (Standard Webhooks signatures), with the signing secret. */
  securityAlertWebhook: { url: string; secret: string } | null;
  runtimePassword: string;
  /** The platform's domain, lower-cased, with its port when it has one (`localhost:3000`). */
  rootDomain: string;
  trustProxyHeaders: boolean;
  /**
   * The production server hands REST, FHIR and health requests straight to their route handlers
   * (the same handlers, the same pipeline) instead of through Next's router and the Edge
   * middleware; off, every request takes Next's path.
   */
  directApi: boolean;
  /**
   * The production server keeps each tenant host's home page, as rendered for anonymous visitors,
   * while the organization, branding and settings it was rendered from are current, and serves
   * copies with a fresh nonce and request id; off, every page is rendered.
   */
  pageCache: boolean;
  trustedProxyHops: number;
  multiTenancy: boolean;
  openSignup: boolean;
  /** The session signing secret, or undefined (development falls back to a fixed one). */
  authSecret: string | undefined;
  cookieSecure: boolean;
  publicUrlScheme: "http" | "https";
  platformAdminToken: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where the Twilio REST API is reached (tests point it at a local server); no trailing slash. */
  twilioApiBaseUrl: string;
  /** Whether the worker sends queued text messages; off: they wait in the SMS outbox. */
  smsDelivery: boolean;
  /**
   * Whether organizations' webhooks may point at private, loopback or link-local addresses (and at
   * plain http): for test runs with a local receiver only. Off, such targets are refused.
   */
  webhookAllowPrivateTargets: boolean;
  /**
   * Whether single sign-on providers may be at private, loopback or link-local addresses and on
   * plain http (an identity provider started inside the test run). Off in production.
   */
  ssoAllowPrivateIssuers: boolean;
  /** A session ends this long after sign-in, whatever the activity. */
  sessionMaxAgeHours: number;
  /** A session ends after this long without a request. */
  sessionIdleMinutes: number;
  dnsTxtOverridesFile: string | undefined;
  /** How often a server seals the audit rows its readers appended (0: only writers and the worker seal). */
  auditSealIntervalSeconds: number;
  /** audit:verify fails when a row has waited longer than this for its seal. */
  auditMaxUnsealedAgeSeconds: number;
  /** How often the worker verifies each organization's audit chain and records the result. */
  auditVerifyEveryHours: number;
  /** Where the worker appends each organization's signed chain heads; undefined: no anchors. */
  auditAnchorDir: string | undefined;
  /** The Ed25519 private key that signs them (PEM, or a 32-byte seed in base64). */
  auditAnchorKey: string | undefined;
  /** A head is anchored at most this often per organization (and only when it moved). */
  auditAnchorEveryMinutes: number;
  /** How long a worker's claim on an outbox message lasts before another worker may take it over. */
  outboxLeaseSeconds: number;
  /** When set, `npm run worker` answers GET /healthz and /status on this port (counts only, no tenant data). */
  workerStatusPort: number | null;
  logLevel: NonNullable<Raw["LOG_LEVEL"]>;
};

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`AgentCare configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const SECRET_BEARING = /URL|SECRET|TOKEN|PASSWORD|KEY/;

/** Parses an environment (a plain record); throws ConfigError naming every bad variable. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        // Values that may carry credentials (URLs with passwords, secrets, tokens) are never echoed.
        const given = SECRET_BEARING.test(name) ? undefined : source[name];
        return issue.message.startsWith(name)
          ? `${issue.message}${given !== undefined ? ` (got "${given}")` : ""}`
          : `${name}: ${issue.message}`;
      }),
    );
  }
  const raw = result.data;
  const production = raw.NODE_ENV === "production";
  const secret = raw.NEXTAUTH_SECRET ?? raw.AUTH_SECRET;
  if (secret !== undefined && secret.length < 32) throw new ConfigError(["NEXTAUTH_SECRET must be at least 32 characters"]);
  if (Boolean(raw.SECURITY_ALERT_WEBHOOK_URL) !== Boolean(raw.SECURITY_ALERT_WEBHOOK_SECRET)) {
    throw new ConfigError(["SECURITY_ALERT_WEBHOOK_URL and SECURITY_ALERT_WEBHOOK_SECRET are set together or not at all"]);
  }
  const rootHost = raw.ROOT_DOMAIN.replace(/:\d+$/, "");
  return {
    nodeEnv: raw.NODE_ENV,
    production,
    databaseUrl: raw.DATABASE_URL,
    databaseSessionRole: raw.DATABASE_SESSION_ROLE,
    databasePoolMax: raw.DATABASE_POOL_MAX,
    serverHeapMb: raw.SERVER_HEAP_MB,
    serverV8Threads: raw.SERVER_V8_THREADS === V8_THREADS_BY_CORES ? null : raw.SERVER_V8_THREADS,
    databasePreparedStatements: raw.DATABASE_PREPARED_STATEMENTS,
    rateLimitScale: raw.RATE_LIMIT_SCALE,
    redisUrl: raw.REDIS_URL,
    redisKeyPrefix: raw.REDIS_KEY_PREFIX,
    rateLimitWithoutRedis: raw.RATE_LIMIT_WITHOUT_REDIS,
    securityAlertWindowMinutes: raw.SECURITY_ALERT_WINDOW_MINUTES,
    securityAlertEmails: raw.SECURITY_ALERT_EMAILS ? raw.SECURITY_ALERT_EMAILS.split(",").map((a) => a.trim().toLowerCase()) : [],
    securityAlertWebhook:
      raw.SECURITY_ALERT_WEBHOOK_URL && raw.SECURITY_ALERT_WEBHOOK_SECRET
        ? { url: raw.SECURITY_ALERT_WEBHOOK_URL, secret: raw.SECURITY_ALERT_WEBHOOK_SECRET }
        : null,
    runtimePassword: raw.AGENTCARE_RUNTIME_PASSWORD,
    rootDomain: raw.ROOT_DOMAIN,
    trustProxyHeaders: raw.TRUST_PROXY_HEADERS,
    directApi: raw.DIRECT_API,
    pageCache: raw.PAGE_CACHE,
    trustedProxyHops: raw.TRUSTED_PROXY_HOPS,
    multiTenancy: raw.MULTI_TENANCY,
    openSignup: raw.OPEN_SIGNUP,
    authSecret: secret,
    cookieSecure: raw.COOKIE_SECURE ?? raw.PUBLIC_URL_SCHEME === "https",
    publicUrlScheme: raw.PUBLIC_URL_SCHEME,
    platformAdminToken: raw.PLATFORM_ADMIN_TOKEN,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM ?? `no-reply@${rootHost}`,
    twilioApiBaseUrl: (raw.TWILIO_API_BASE_URL ?? "https://api.twilio.com").replace(/\/+$/, ""),
    smsDelivery: raw.SMS_DELIVERY,
    webhookAllowPrivateTargets: raw.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    ssoAllowPrivateIssuers: raw.SSO_ALLOW_PRIVATE_ISSUERS,
    sessionMaxAgeHours: raw.SESSION_MAX_AGE_HOURS,
    sessionIdleMinutes: raw.SESSION_IDLE_MINUTES,
    dnsTxtOverridesFile: raw.DNS_TXT_OVERRIDES_FILE,
    auditSealIntervalSeconds: raw.AUDIT_SEAL_INTERVAL_SECONDS,
    auditMaxUnsealedAgeSeconds: raw.AUDIT_MAX_UNSEALED_AGE_SECONDS,
    auditVerifyEveryHours: raw.AUDIT_VERIFY_EVERY_HOURS,
    auditAnchorDir: raw.AUDIT_ANCHOR_DIR,
    auditAnchorKey: raw.AUDIT_ANCHOR_KEY,
    auditAnchorEveryMinutes: raw.AUDIT_ANCHOR_EVERY_MINUTES,
    outboxLeaseSeconds: raw.OUTBOX_LEASE_SECONDS,
    workerStatusPort: raw.WORKER_STATUS_PORT || null,
    logLevel: raw.LOG_LEVEL ?? (raw.NODE_ENV === "test" ? "silent" : "info"),
  };
}

let current: Config | undefined;

/** The configuration, read from the environment once. */
export function config(): Config {
  current ??= parseConfig(readEnvironment());
  return current;
}

/** For launchers and tests that set process.env after something has read the configuration. */
export function reloadConfig(): Config {
  current = undefined;
  return config();
}

/**
 * next-auth derives its origin from the request host (we serve many hosts) only when told to;
 * middleware makes X-Forwarded-Host the real Host unless a trusted proxy set it.
 */
export function trustForwardedHostForAuth(): void {
  process.env.AUTH_TRUST_HOST ??= "true";
}

function readEnvironment(): Record<string, string | undefined> {
  // Each name spelled out: bundlers (Edge middleware) only provide variables read by name.
  return {
    NODE_ENV: process.env.NODE_ENV,
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_SESSION_ROLE: process.env.DATABASE_SESSION_ROLE,
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX,
    SERVER_HEAP_MB: process.env.SERVER_HEAP_MB,
    SERVER_V8_THREADS: process.env.SERVER_V8_THREADS,
    DATABASE_PREPARED_STATEMENTS: process.env.DATABASE_PREPARED_STATEMENTS,
    RATE_LIMIT_SCALE: process.env.RATE_LIMIT_SCALE,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX,
    RATE_LIMIT_WITHOUT_REDIS: process.env.RATE_LIMIT_WITHOUT_REDIS,
    SECURITY_ALERT_WINDOW_MINUTES: process.env.SECURITY_ALERT_WINDOW_MINUTES,
    SECURITY_ALERT_EMAILS: process.env.SECURITY_ALERT_EMAILS,
    SECURITY_ALERT_WEBHOOK_URL: process.env.SECURITY_ALERT_WEBHOOK_URL,
    SECURITY_ALERT_WEBHOOK_SECRET: process.env.SECURITY_ALERT_WEBHOOK_SECRET,
    AGENTCARE_RUNTIME_PASSWORD: process.env.AGENTCARE_RUNTIME_PASSWORD,
    ROOT_DOMAIN: process.env.ROOT_DOMAIN,
    TRUST_PROXY_HEADERS: process.env.TRUST_PROXY_HEADERS,
    DIRECT_API: process.env.DIRECT_API,
    PAGE_CACHE: process.env.PAGE_CACHE,
    TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS,
    MULTI_TENANCY: process.env.MULTI_TENANCY,
    OPEN_SIGNUP: process.env.OPEN_SIGNUP,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
    AUTH_SECRET: process.env.AUTH_SECRET,
    COOKIE_SECURE: process.env.COOKIE_SECURE,
    PUBLIC_URL_SCHEME: process.env.PUBLIC_URL_SCHEME,
    PLATFORM_ADMIN_TOKEN: process.env.PLATFORM_ADMIN_TOKEN,
    SMTP_URL: process.env.SMTP_URL,
    MAIL_FROM: process.env.MAIL_FROM,
    TWILIO_API_BASE_URL: process.env.TWILIO_API_BASE_URL,
    SMS_DELIVERY: process.env.SMS_DELIVERY,
    WEBHOOK_ALLOW_PRIVATE_TARGETS: process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    SSO_ALLOW_PRIVATE_ISSUERS: process.env.SSO_ALLOW_PRIVATE_ISSUERS,
    SESSION_MAX_AGE_HOURS: process.env.SESSION_MAX_AGE_HOURS,
    SESSION_IDLE_MINUTES: process.env.SESSION_IDLE_MINUTES,
    DNS_TXT_OVERRIDES_FILE: process.env.DNS_TXT_OVERRIDES_FILE,
    AUDIT_SEAL_INTERVAL_SECONDS: process.env.AUDIT_SEAL_INTERVAL_SECONDS,
    AUDIT_MAX_UNSEALED_AGE_SECONDS: process.env.AUDIT_MAX_UNSEALED_AGE_SECONDS,
    AUDIT_VERIFY_EVERY_HOURS: process.env.AUDIT_VERIFY_EVERY_HOURS,
    AUDIT_ANCHOR_DIR: process.env.AUDIT_ANCHOR_DIR,
    AUDIT_ANCHOR_KEY: process.env.AUDIT_ANCHOR_KEY,
    AUDIT_ANCHOR_EVERY_MINUTES: process.env.AUDIT_ANCHOR_EVERY_MINUTES,
    OUTBOX_LEASE_SECONDS: process.env.OUTBOX_LEASE_SECONDS,
    WORKER_STATUS_PORT: process.env.WORKER_STATUS_PORT,
    LOG_LEVEL: process.env.LOG_LEVEL,
  };
}
