// npm run db:migrate | db:seed | db:reset — against DATABASE_URL, or the embedded database in .data/.
import postgres from "postgres";
import { closeDb } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/demo/seed";
import { openScriptDatabase } from "./database";
import { demoPassword, rootDomainForSeed } from "./demo-config";
import { scriptFailure } from "@/lib/observability/safe-error";

async function resetSchema(adminUrl: string) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx.unsafe("drop schema if exists drizzle cascade");
      await tx.unsafe("drop schema if exists public cascade");
      await tx.unsafe("create schema public");
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function main() {
  const command = process.argv[2];
  if (!command || !["migrate", "seed", "reset"].includes(command)) {
    console.error("usage: scripts/db.ts migrate|seed|reset");
    process.exitCode = 64;
    return;
  }
  const db = await openScriptDatabase();
  try {
    if (command === "reset") {
      await resetSchema(db.adminUrl);
      console.log("Dropped all AgentCare tables.");
    }
    await runMigrations(db.adminUrl);
    console.log("Migrations applied.");
    if (command === "seed" || command === "reset") {
      await db.useRuntimeRole();
      const report = await seedDemo({ password: demoPassword(), rootDomain: rootDomainForSeed() });
      for (const o of report.organizations) {
        console.log(`${o.slug}: ${o.created ? "created" : "already there"}, ${o.appointments} appointments around today`);
      }
      console.log(`${report.users} demo sign-ins ready.`);
    }
  } finally {
    await closeDb();
    await db.close();
  }
}

main().catch((err) => {
  console.error(scriptFailure(err));
  process.exitCode = 1;
});
