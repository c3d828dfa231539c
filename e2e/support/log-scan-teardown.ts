import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { DEMO_ORGS, DEMO_USERS, demoPatients } from "@/lib/demo/data";
import { describeScan, personNeedles, scanLogLines, type Needle } from "@/lib/observability/log-scan";
import { e2eServerFactsFile, e2eServerLogFile, type E2eServerFacts } from "../../scripts/e2e-logs";
import { E2E_PORT } from "./hosts";
import { DEMO_PASSWORD } from "./personas";
import { SINGLE_TENANT_PORT } from "./tenants";

// Playwright's global teardown (it runs while the servers are still up): everything the e2e
// servers printed during the run — at LOG_LEVEL=debug, stdout and stderr — is scanned for the
// patients' names, dates of birth, e-mails and phones, the staff's e-mails, the demo password, the
// operator token, the session cookies the run signed in with, and anything shaped like a token.
// One finding fails the run.

/** The demo patients as lib/demo/seed.ts writes them (24 per hospital, seeded by the slug's length). */
function seededPatients(): Needle[] {
  return DEMO_ORGS.flatMap((org) => demoPatients(org, 24, org.slug.length * 7919).flatMap(personNeedles));
}

/** Every patient, user and provider in the server's scratch database: those the tests made too. */
async function databaseNeedles(port: number): Promise<{ needles: Needle[]; patients: number | string }> {
  const base = process.env.DATABASE_URL;
  const factsFile = e2eServerFactsFile(port);
  if (!base || !fs.existsSync(factsFile)) return { needles: [], patients: "no readable database (embedded): demo data only" };
  const { database } = JSON.parse(fs.readFileSync(factsFile, "utf8")) as E2eServerFacts;
  if (!database) return { needles: [], patients: "no readable database (embedded): demo data only" };
  const url = new URL(base);
  url.pathname = `/${database}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const patients = await sql<{ first_name: string; last_name: string; email: string | null; phone: string | null; dob: string }[]>`
      select first_name, last_name, email, phone, date_of_birth::text as dob from patients`;
    const users = await sql<{ email: string }[]>`select email from users`;
    const providers = await sql<{ email: string | null; phone: string | null }[]>`select email, phone from providers`;
    return {
      patients: patients.length,
      needles: [
        ...patients.flatMap((p) =>
          personNeedles({ firstName: p.first_name, lastName: p.last_name, email: p.email, phone: p.phone, dateOfBirth: p.dob }),
        ),
        ...users.map((u) => ({ kind: "user e-mail", value: u.email })),
        ...providers.flatMap((p) => [
          ...(p.email ? [{ kind: "provider e-mail", value: p.email }] : []),
          ...(p.phone ? [{ kind: "provider phone", value: p.phone }] : []),
        ]),
      ],
    };
  } catch (err) {
    return { needles: [], patients: `its database could not be read (${err instanceof Error ? err.name : "error"}): demo data only` };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The session cookies the run signed in with (auth.setup.ts saved them). */
function sessionCookieNeedles(): Needle[] {
  const dir = path.join(process.cwd(), "test-results", ".auth");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { cookies?: { value: string }[] }).cookies ?? [])
    .filter((c) => c.value.length >= 16)
    .map((c) => ({ kind: "session cookie value", value: c.value }));
}

export default async function logScanTeardown(): Promise<void> {
  const staticNeedles: Needle[] = [
    ...seededPatients(),
    ...DEMO_USERS.map((u) => ({ kind: "demo user e-mail", value: u.email })),
    { kind: "demo password", value: DEMO_PASSWORD },
    ...(process.env.PLATFORM_ADMIN_TOKEN ? [{ kind: "operator token", value: process.env.PLATFORM_ADMIN_TOKEN }] : []),
    { kind: "operator token", value: "e2e-platform-operator-token-0123456789" },
    ...sessionCookieNeedles(),
  ];
  const problems: string[] = [];
  let total = 0;
  // The two cluster instances (their database is gone by now: demo data and secrets only), when that suite ran.
  const clusterPorts = [E2E_PORT + 6, E2E_PORT + 7].filter((port) => fs.existsSync(e2eServerLogFile(port)));
  for (const port of [E2E_PORT, SINGLE_TENANT_PORT, ...clusterPorts]) {
    const file = e2eServerLogFile(port);
    if (!fs.existsSync(file)) {
      problems.push(`no server log at ${file}: the e2e server did not write one`);
      continue;
    }
    const fromDatabase = await databaseNeedles(port);
    const lines = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
    const report = scanLogLines(lines, [...staticNeedles, ...fromDatabase.needles]);
    total += report.lines;
    const patients =
      typeof fromDatabase.patients === "number" ? `${fromDatabase.patients} patients in its database` : fromDatabase.patients;
    const summary = describeScan(`log scan, e2e server :${port} (${path.relative(process.cwd(), file)}; ${patients})`, report);
    console.log(summary);
    if (report.findings.length) problems.push(summary);
  }
  if (problems.length) throw new Error(`The e2e servers' logs hold personal data or secrets:\n${problems.join("\n")}`);
  if (total === 0) throw new Error("The e2e servers logged nothing: the log scan has nothing to check.");
}
