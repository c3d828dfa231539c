// npm start: database (DATABASE_URL, else embedded under .data/), migrations, demo data when
// empty, a production build when needed, then the server on PORT (default 3000).
import { closeDb } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { withPlatform } from "@/lib/db/tenant";
import { seedDemo } from "@/lib/demo/seed";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { openScriptDatabase } from "./database";
import { ensureAuthSecret } from "./auth-secret";
import { demoPassword, rootDomainForSeed } from "./demo-config";
import { ensureBuild, startNext, superviseChild } from "./serve";
import { startBanner } from "./start-banner";
import { ConfigError, reloadConfig } from "@/lib/config/env";
import { scriptFailure } from "@/lib/observability/safe-error";

async function main() {
  const dev = process.argv.includes("--dev");
  const port = Number(process.env.PORT ?? 3000);
  // Links the app builds (hand-offs, invitations, e-mails) need the port on a local run.
  const rootDomain = process.env.ROOT_DOMAIN ?? `localhost:${port}`;
  process.env.ROOT_DOMAIN = rootDomain;
  reloadConfig();
  ensureAuthSecret({ persist: true });
  const db = await openScriptDatabase({ port: Number(process.env.EMBEDDED_DB_PORT ?? 0) });
  const where = db.embedded
    ? `embedded PostgreSQL (${process.env.AGENTCARE_EMBEDDED === "memory" ? "in memory" : ".data/pglite"})`
    : "DATABASE_URL";
  console.log(`Database: ${where}`);

  await runMigrations(db.adminUrl);
  await db.useRuntimeRole();
  const organizations = await withPlatform((tx) => platformOrganizations(tx).count());
  if (organizations <= 1 && process.env.AGENTCARE_SEED !== "false") {
    console.log("Empty database: adding the demo hospitals…");
    await seedDemo({ password: demoPassword(), rootDomain: rootDomainForSeed() });
  }
  await closeDb();

  if (!dev) ensureBuild();
  const child = startNext({
    port,
    dev,
    env: {
      DATABASE_URL: process.env.DATABASE_URL,
      DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX,
      DATABASE_SESSION_ROLE: process.env.DATABASE_SESSION_ROLE,
      ROOT_DOMAIN: rootDomain,
    },
  });
  superviseChild(child, () => db.close());

  console.log(startBanner({ port, rootDomain, demoPasswordFromEnvironment: Boolean(process.env.DEMO_PASSWORD) }));
}

main().catch(async (err) => {
  // A database error is printed by its codes only: its text can quote SQL and the demo rows.
  console.error("AgentCare could not start:", err instanceof ConfigError ? err.message : scriptFailure(err));
  process.exit(1);
});
