// One organization's data out of and into a database, and its removal:
//   npm run org:export   -- --org <slug> [--out <dir>]
//   npm run org:import   -- --dir <dir> --slug <new-slug>
//   npm run org:offboard -- --org <slug> --confirm <slug>
// (`npm run import` is the patient CSV/JSON import; these move a whole hospital.)
import path from "node:path";
import { closeDb } from "@/lib/db/client";
import { exportOrganization } from "@/lib/tenant-data/export";
import { importOrganization } from "@/lib/tenant-data/import";
import { offboardOrganization } from "@/lib/tenant-data/offboard";
import { openScriptDatabase } from "./database";
import { scriptFailure } from "@/lib/observability/safe-error";

const USAGE = [
  "usage: npm run org:export -- --org <slug> [--out <dir>]",
  "       npm run org:import -- --dir <dir> --slug <new-slug>",
  "       npm run org:offboard -- --org <slug> --confirm <slug>",
].join("\n");

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(USAGE);
  process.exit(64);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command !== "export" && command !== "import" && command !== "offboard") usage();
  const db = await openScriptDatabase();
  await db.useRuntimeRole();
  try {
    if (command === "export") {
      const slug = option(args, "--org") ?? usage("--org is required");
      const outDir = path.resolve(option(args, "--out") ?? `export-${slug}-${new Date().toISOString().replace(/[:.]/g, "-")}`);
      const manifest = await exportOrganization({ slug, outDir });
      for (const t of manifest.tables) console.log(`${t.name.padEnd(28)} ${t.rows}`);
      console.log(
        `exported ${manifest.source.slug} (${manifest.source.organizationId}) to ${outDir}; audit chain head ${manifest.auditChainHead?.seq ?? 0}`,
      );
    } else if (command === "import") {
      const dir = path.resolve(option(args, "--dir") ?? usage("--dir is required"));
      const slug = option(args, "--slug") ?? usage("--slug is required");
      const result = await importOrganization({ dir, slug });
      for (const t of result.tables) console.log(`${t.name.padEnd(28)} ${t.rows}`);
      console.log(
        `imported as ${result.slug} (${result.organizationId}); audit chain re-anchored, head ${result.auditChainHead?.seq ?? 0}`,
      );
    } else {
      const slug = option(args, "--org") ?? usage("--org is required");
      if (option(args, "--confirm") !== slug)
        usage("Offboarding deletes the organization's data for good: repeat its slug after --confirm.");
      const result = await offboardOrganization({ slug, actor: "command line" });
      for (const t of result.deleted) console.log(`${t.name.padEnd(28)} ${t.rows} deleted`);
      console.log(`offboarded ${result.slug} (${result.organizationId})`);
    }
  } finally {
    await closeDb();
    await db.close();
  }
}

main().catch((err) => {
  console.error("org transfer failed:", scriptFailure(err));
  process.exitCode = 1;
});
