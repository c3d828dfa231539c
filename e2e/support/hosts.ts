export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
/** The root domain the e2e server runs under; Chromium maps *.agentcare.test to 127.0.0.1. */
export const ROOT = `agentcare.test:${E2E_PORT}`;
/**
 * The main e2e server's session secret, known to the tests so a worker they start (which signs
 * webhooks with secrets kept encrypted under it) reads what the server wrote. Test runs only.
 */
export const E2E_AUTH_SECRET = process.env.E2E_AUTH_SECRET ?? "e2e-only-session-secret-not-for-production-0123456789";
