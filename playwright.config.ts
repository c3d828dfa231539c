import { defineConfig, devices } from "@playwright/test";
import { E2E_AUTH_SECRET, E2E_PORT as PORT, ROOT } from "./e2e/support/hosts";
import { PERSONAS } from "./e2e/support/personas";
import { SINGLE_TENANT_PORT, SINGLE_TENANT_ROOT } from "./e2e/support/tenants";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP *.agentcare.test 127.0.0.1, MAP agentcare.test 127.0.0.1",
    ],
  },
};

/** The e2e server (scripts/e2e-server.ts): a fresh seeded database, a production build, next start. */
function e2eServer(port: number, root: string, env: Record<string, string> = {}) {
  return {
    command: "node --conditions=react-server --import tsx scripts/e2e-server.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env: { E2E_PORT: String(port), ROOT_DOMAIN: root, ...env },
  };
}

export default defineConfig({
  testDir: "e2e",
  // Scans what the servers logged during the run for patient data and secrets (fails on a finding).
  globalTeardown: "./e2e/support/log-scan-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    ...chromium,
    baseURL: `http://${ROOT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // One project per persona: each starts from the session auth.setup.ts saved for it.
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    {
      name: "anonymous",
      testMatch: [/tenant-home\.spec\.ts$/, /sign-in\.spec\.ts$/],
      // After setup: sign-in.spec.ts locks dr.patel, whose session setup saves first.
      dependencies: ["setup"],
    },
    {
      name: "admin",
      testMatch: [/org-switcher\.spec\.ts$/, /api\.spec\.ts$/, /branding\.spec\.ts$/, /path-based\.spec\.ts$/],
      use: { storageState: PERSONAS.admin.storageState },
      dependencies: ["setup"],
    },
    {
      name: "clinician",
      testMatch: /clinician\.spec\.ts$/,
      use: { storageState: PERSONAS.clinician.storageState },
      dependencies: ["setup"],
    },
    {
      name: "attacker",
      testMatch: /attacker\.spec\.ts$/,
      use: { storageState: PERSONAS.attacker.storageState },
      dependencies: ["setup"],
    },
    {
      // Scheduling: anonymous patients on the public site, each test opening the staff
      // sessions it needs (Sunset's owner, dr.patel) from the states setup saved.
      name: "scheduling",
      testMatch: [
        /booking\.spec\.ts$/,
        /booking-flow\.spec\.ts$/,
        /booking-race\.spec\.ts$/,
        /manage-link\.spec\.ts$/,
        /patient-language\.spec\.ts$/,
        /waitlist\.spec\.ts$/,
        /anonymous-probe\.spec\.ts$/,
      ],
      dependencies: ["setup"],
    },
    {
      // Administration: onboarding through the REST calls and the quick-start curls, self-service
      // sign-up, custom domains, invitations, API keys and plan limits. API-level, each test making
      // the organizations it needs; Metro's and Sunset's sessions come from the states setup saved.
      name: "administration",
      testMatch: [
        /onboarding\.spec\.ts$/,
        /api-keys\.spec\.ts$/,
        /fhir\.spec\.ts$/,
        /sso\.spec\.ts$/,
        /plans\.spec\.ts$/,
        /quick-start-curl\.spec\.ts$/,
        /accounts\.spec\.ts$/,
        /sessions\.spec\.ts$/,
        /mfa\.spec\.ts$/,
        /change-password\.spec\.ts$/,
      ],
      dependencies: ["setup"],
    },
    {
      // Staff and admin screens driven through the browser: every mutation is a server action.
      name: "staff-ui",
      testMatch: [
        /staff-.*\.spec\.ts$/,
        /waitlist-staff\.spec\.ts$/,
        /schedule-rules\.spec\.ts$/,
        /schedule-views\.spec\.ts$/,
        /schedule-safeguards\.spec\.ts$/,
      ],
      use: { storageState: PERSONAS.admin.storageState },
      dependencies: ["setup"],
    },
    {
      // Security headers, the nonce CSP in the browser, same-origin writes and Host-proof redirects.
      name: "http-hardening",
      testMatch: /http-hardening\.spec\.ts$/,
      use: { storageState: PERSONAS.admin.storageState },
      dependencies: ["setup"],
    },
    {
      // Zero 5xx from anything a client sends: the OpenAPI-driven fuzzer, API-level, on an
      // organization of its own (its sessions and ids come from the states setup saved).
      name: "fuzz",
      testMatch: /fuzz\.spec\.ts$/,
      dependencies: ["setup"],
    },
    {
      // The database goes away and comes back: a server of its own behind a TCP proxy the test cuts.
      name: "outage",
      testMatch: /db-outage\.spec\.ts$/,
    },
    {
      // Every page, in the states a user sees, through axe: anonymous by default, each test opening
      // the persona sessions setup saved.
      name: "a11y",
      testMatch: /a11y\.spec\.ts$/,
      dependencies: ["setup"],
    },
    {
      // The staff shell and the states around it (role page, branded 404, sign-in return, phone menu,
      // switcher): each test opens the persona sessions setup saved, or makes what it needs.
      name: "shell",
      testMatch: /shell-states\.spec\.ts$/,
      dependencies: ["setup"],
    },
    {
      // Two instances on one database and one Redis behind nginx: shared state, hand-offs across
      // instances, one instance stopped mid-run. Servers of its own (scripts/e2e-cluster.ts).
      name: "cluster",
      testMatch: /cluster\.spec\.ts$/,
    },
    {
      // Request ids and request lines, the operator-only metrics, the resource-usage pages.
      name: "observability",
      testMatch: /observability\.spec\.ts$/,
      use: { storageState: PERSONAS.admin.storageState },
      dependencies: ["setup"],
    },
    {
      name: "single-tenant",
      testMatch: /single-tenant\.spec\.ts$/,
      use: { baseURL: `http://${SINGLE_TENANT_ROOT}` },
    },
  ],
  webServer: [
    // Webhooks may go to a receiver on this machine (a test's), identity providers may be one the
    // tests start here, and the tests know the session secret.
    e2eServer(PORT, ROOT, {
      MULTI_TENANCY: "true",
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
      SSO_ALLOW_PRIVATE_ISSUERS: "true",
      NEXTAUTH_SECRET: E2E_AUTH_SECRET,
    }),
    // MULTI_TENANCY=false: every host is the default organization. Its own scratch database.
    e2eServer(SINGLE_TENANT_PORT, SINGLE_TENANT_ROOT, { MULTI_TENANCY: "false", AGENTCARE_BUILD: "if-missing" }),
  ],
});
