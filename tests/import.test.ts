import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { withTenant } from "@/lib/db/tenant";
import { importFile, ImportRejected } from "@/lib/import/apply";
import { parseImport } from "@/lib/import/parse";
import { runScript } from "./support/cli";
import { createOrganization } from "./support/fixtures";

const future = (days: number, hour = 14) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

async function hospital(prefix: string) {
  const org = await createOrganization(prefix);
  await withTenant(org.id, (tx) => appointmentTypesRepo(tx, org.id).create({ input: { name: "Follow-up", durationMinutes: 30 } }));
  return org;
}

const counts = (orgId: string) =>
  withTenant(orgId, async (tx) => {
    const [row] = await tx.execute<{ providers: number; patients: number; appointments: number }>(
      sql`select (select count(*)::int from providers) as providers, (select count(*)::int from patients) as patients, (select count(*)::int from appointments) as appointments`,
    );
    return row!;
  });

function csv(rows: string[]): string {
  return [
    "kind,name,title,license_number,email,mrn,first_name,last_name,date_of_birth,patient_mrn,provider,appointment_type,starts_at,mode",
    ...rows,
  ].join("\n");
}

describe("importing an existing hospital", () => {
  it("reports every bad row with its line and imports nothing", async () => {
    const org = await hospital("import-bad");
    const before = await counts(org.id);
    const content = csv([
      `provider,Dr. Ada,MD,LIC-1,ada@x.test,,,,,,,,,`,
      `patient,,,,,M-1,Pat,One,1980-02-30,,,,,`,
      `patient,,,,pat@x.test,M-2,Pat,Two,1981-01-01,,,,,`,
      `appointment,,,,,,,,,M-2,ada@x.test,Follow-up,${future(3)},in_person`,
      `appointment,,,,,,,,,M-2,ada@x.test,Follow-up,${future(3)},in_person`,
      `appointment,,,,,,,,,M-9,ada@x.test,Nope,2020-01-01T10:00:00Z,video`,
      `visit,,,,,,,,,,,,,`,
    ]);
    const { file, problems } = parseImport(content, "csv");
    expect(problems.map((p) => p.line)).toEqual([3, 7, 8]);
    expect(problems[0]!.message).toContain("date_of_birth");
    const rejected = await importFile(org.id, file).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(ImportRejected);
    const lines = (rejected as ImportRejected).problems.map((p) => `${p.line}: ${p.message}`);
    expect(lines).toEqual(expect.arrayContaining(["6: overlaps the appointment on line 5"]));
    expect(await counts(org.id)).toEqual(before);
  });

  it("imports a clean file in one transaction, with audit rows and usage", async () => {
    const org = await hospital("import-ok");
    const json = JSON.stringify({
      providers: [{ name: "Dr. Lin", licenseNumber: "LIC-9", email: "lin@x.test" }],
      patients: [{ mrn: "A-1", firstName: "Ana", lastName: "Alves", dateOfBirth: "1990-05-05", email: "ana@x.test" }],
      appointments: [
        { patientMrn: "A-1", provider: "LIC-9", appointmentType: "follow-up", startsAt: future(4) },
        { patientMrn: "A-1", provider: "lin@x.test", appointmentType: "Follow-up", startsAt: future(5) },
      ],
    });
    const { file, problems } = parseImport(json, "json");
    expect(problems).toEqual([]);
    expect(await importFile(org.id, file)).toEqual({ providers: 1, patients: 1, appointments: 2 });
    expect(await counts(org.id)).toEqual({ providers: 1, patients: 1, appointments: 2 });
    const audit = await withTenant(org.id, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_logs where metadata->>'via' = 'import'`),
    );
    expect(audit[0]!.n).toBe(3);
    // The same file again: everything already exists, nothing changes.
    await expect(importFile(org.id, file)).rejects.toBeInstanceOf(ImportRejected);
    expect(await counts(org.id)).toEqual({ providers: 1, patients: 1, appointments: 2 });
  });

  it("npm run import: exit 1 with the problems, or the summary", async () => {
    const org = await hospital("import-cli");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcare-import-"));
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, csv([`patient,,,,,,Pat,NoMrn,1980-01-01,,,,,`]));
    const failed = await runScript("scripts/import.ts", ["--org", org.slug, bad]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("line 2 (patient): mrn");
    const good = path.join(dir, "good.csv");
    fs.writeFileSync(good, csv([`patient,,,,p${crypto.randomBytes(2).toString("hex")}@x.test,C-1,Cli,Patient,1975-07-07,,,,,`]));
    const ok = await runScript("scripts/import.ts", ["--org", org.slug, good]);
    expect(ok.stdout).toContain("1 patients");
    expect(ok.code).toBe(0);
    const missing = await runScript("scripts/import.ts", ["--org", "no-such-hospital", good]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No organization with the slug "no-such-hospital"');
  });
});
