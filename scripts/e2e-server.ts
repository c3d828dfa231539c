// The server Playwright tests against: a fresh database (new database on DATABASE_URL's local
// server, or in-memory embedded), the demo data, a production build, next start. Everything the
// server prints also goes to test-results/server-<port>.log, at LOG_LEVEL=debug unless told
// otherwise, for the log scan at the end of the run (e2e/support/log-scan-teardown.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb } from "@/lib/db/client";
import { createScratchDatabase } from "@/lib/db/test-database";
import { seedDemo } from "@/lib/demo/seed";
import { ensureAuthSecret } from "./auth-secret";
import { demoPassword, rootDomainForSeed } from "./demo-config";
import { ensureBuild, startNext, superviseChild } from "./serve";
import { reloadConfig } from "@/lib/config/env";
import { scriptFailure } from "@/lib/observability/safe-error";
import { e2eServerFactsFile, e2eServerLogFile, type E2eServerFacts } from "./e2e-logs";

async function main() {
  const port = Number(process.env.E2E_PORT ?? 3210);
  ensureAuthSecret({ persist: false });
  // Operator token and a DNS stand-in for domain verification, known to the tests.
  process.env.PLATFORM_ADMIN_TOKEN ??= "e2e-platform-operator-token-0123456789";
  process.env.DNS_TXT_OVERRIDES_FILE ??= path.join(os.tmpdir(), `agentcare-e2e-dns-${port}.json`);
  const db = await createScratchDatabase("agentcare_e2e");
  process.env.DATABASE_URL = db.appUrl;
  process.env.DATABASE_SESSION_ROLE = "none";
  process.env.DATABASE_POOL_MAX = db.embedded ? "1" : "10";
  reloadConfig();
  try {
    await seedDemo({ password: demoPassword(), rootDomain: rootDomainForSeed() });
    await closeDb();
    ensureBuild();
  } catch (err) {
    await db.drop();
    throw err;
  }
  const facts: E2eServerFacts = { database: db.embedded ? null : new URL(db.adminUrl).pathname.slice(1) };
  fs.mkdirSync(path.dirname(e2eServerFactsFile(port)), { recursive: true });
  fs.writeFileSync(e2eServerFactsFile(port), JSON.stringify(facts));
  const child = startNext({
    port,
    logFile: e2eServerLogFile(port),
    env: {
      LOG_LEVEL: process.env.LOG_LEVEL ?? "debug",
      DATABASE_URL: process.env.DATABASE_URL,
      DATABASE_SESSION_ROLE: "none",
      DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX,
      ROOT_DOMAIN: process.env.ROOT_DOMAIN,
      PLATFORM_ADMIN_TOKEN: process.env.PLATFORM_ADMIN_TOKEN,
      DNS_TXT_OVERRIDES_FILE: process.env.DNS_TXT_OVERRIDES_FILE,
    },
  });
  superviseChild(child, () => db.drop());
}

main().catch((err) => {
  console.error("e2e server failed:", scriptFailure(err));
  process.exit(1);
});
