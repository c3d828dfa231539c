export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
/** The root domain the e2e server runs under; Chromium maps *.agentcare.test to 127.0.0.1. */
export const ROOT = `agentcare.test:${E2E_PORT}`;
