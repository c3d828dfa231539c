// npm start: database (DATABASE_URL, else embedded under .data/), migrations, demo data when
// empty, a production build when needed, then the server on PORT (default 3000).
import { closeDb } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { withPlatform } from "@/lib/db/tenant";
import { seedDemo } from "@/lib/demo/seed";
import { DEMO_USERS } from "@/lib/demo/data";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { openScriptDatabase } from "./database";
import { ensureAuthSecret } from "./auth-secret";
import { demoPassword, rootDomainForSeed } from "./demo-config";
import { ensureBuild, startNext, superviseChild } from "./serve";
import { reloadConfig } from "@/lib/config/env";

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

  const host = rootDomain.replace(/:\d+$/, "");
  const base = (sub?: string) => `http://${sub ? `${sub}.` : ""}${host}:${port}`;
  console.log(`
AgentCare is starting on port ${port}
  Platform:               ${base()}
  Metro General Hospital: ${base("metro-general")}   (or ${base()}/org/metro-general)
  Sunset Clinic:          ${base("sunset-clinic")}   (or ${base()}/org/sunset-clinic)
Demo sign-ins (password: ${process.env.DEMO_PASSWORD ? "$DEMO_PASSWORD" : "agentcare-demo"}):
${DEMO_USERS.map((u) => `  ${u.email.padEnd(28)} ${u.memberships.map((m) => `${m.role} @ ${m.slug}`).join(", ")}`).join("\n")}
`);
}

main().catch(async (err) => {
  console.error("AgentCare could not start:", err instanceof Error ? err.message : err);
  if (err instanceof Error && err.cause instanceof Error) console.error(err.cause.message);
  process.exit(1);
});
