// Tables outside tenant isolation: read and written only through withPlatform. Every other table
// in the public schema is a tenant table, and tests/schema-lint.test.ts holds it to the invariants.
export const PLATFORM_TABLES = [
  "organizations",
  "organization_domains",
  "users",
  "security_events",
  "sign_in_throttles",
  "session_handoffs",
  "user_sessions",
  "account_tokens",
  "account_messages",
  "user_mfa",
  "security_alert_digests",
  "security_alert_webhooks",
] as const;
