// npm run import -- --org <slug> <file.csv|file.json>
// Validates the whole file first and reports every bad row with its line; imports all or nothing.
import fs from "node:fs";
import path from "node:path";
import { closeDb } from "@/lib/db/client";
import { withPlatform } from "@/lib/db/tenant";
import { importFile, ImportRejected } from "@/lib/import/apply";
import { parseImport } from "@/lib/import/parse";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { openScriptDatabase } from "./database";
import { scriptFailure } from "@/lib/observability/safe-error";

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("usage: npm run import -- --org <slug> <file.csv|file.json>");
  process.exit(64);
}

async function main() {
  const args = process.argv.slice(2);
  const orgIndex = args.indexOf("--org");
  const slug = orgIndex >= 0 ? args[orgIndex + 1] : undefined;
  const filePath = args.filter((a, i) => a !== "--org" && i !== orgIndex + 1)[0];
  if (!slug || !filePath) usage();
  if (!fs.existsSync(filePath)) usage(`No such file: ${filePath}`);
  const ext = path.extname(filePath).toLowerCase();
  if (ext !== ".csv" && ext !== ".json") usage("The file must end in .csv or .json");

  const { file, problems } = parseImport(fs.readFileSync(filePath, "utf8"), ext === ".csv" ? "csv" : "json");
  const db = await openScriptDatabase();
  await db.useRuntimeRole();
  try {
    const org = await withPlatform((tx) => platformOrganizations(tx).findBySlug({ slug }));
    if (!org) {
      console.error(`No organization with the slug "${slug}".`);
      process.exitCode = 1;
      return;
    }
    if (problems.length) throw new ImportRejected(problems);
    const summary = await importFile(org.id, file);
    console.log(
      `Imported into ${org.name}: ${summary.providers} providers, ${summary.patients} patients, ${summary.appointments} appointments.`,
    );
  } catch (err) {
    if (err instanceof ImportRejected) {
      console.error(`${filePath}: ${err.message}`);
      for (const p of err.problems) console.error(`  line ${p.line || "-"} (${p.kind}): ${p.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  } finally {
    await closeDb();
    await db.close();
  }
}

main().catch((err) => {
  console.error("import failed:", scriptFailure(err));
  process.exitCode = 1;
});
