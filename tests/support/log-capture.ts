import fs from "node:fs";
import path from "node:path";
import type { DestinationStream } from "pino";
import { describeScan, personNeedles, scanLogLines, type Needle, type ScanReport } from "@/lib/observability/log-scan";
import { decryptAuthToken } from "@/lib/sms/token-crypto";
import { asOwner } from "./owner";

// Everything the app logs during an integration test file, at debug level: setup-env.ts builds the
// app's logger (the real one, with its serializers and redaction) on this destination instead of
// a silent one, and scans the lines after the file's tests against every person and secret the
// database holds by then. The lines are also kept under test-results/integration-logs/ for the
// run's summary (log-scan-summary.ts) and for a look when a scan fails.

export const LOG_DIR = path.join(process.cwd(), "test-results", "integration-logs");

/** The lines logged so far in this test file. */
export const capturedLines: string[] = [];

export const captureDestination: DestinationStream = {
  write(chunk: string) {
    for (const line of chunk.split("\n")) if (line.trim()) capturedLines.push(line);
  },
};

/** Passwords the test files sign in or sign up with. */
const TEST_PASSWORDS = ["correct horse battery staple", "long enough password", "a-long-password", "e2e-onboarding-password-1"];

/** Every patient's, user's and provider's details, and every stored secret hash, in the test database. */
export async function databaseNeedles(): Promise<Needle[]> {
  return asOwner(async (sql) => {
    const patients = await sql<{ first_name: string; last_name: string; email: string | null; phone: string | null; dob: string }[]>`
      select first_name, last_name, email, phone, date_of_birth::text as dob from patients`;
    const users = await sql<{ email: string; password_hash: string | null }[]>`select email, password_hash from users`;
    const providers = await sql<{ email: string | null; phone: string | null }[]>`select email, phone from providers`;
    const hashes = await sql<{ hash: string }[]>`
      select secret_hash as hash from api_keys
      union all select token_hash from invitations
      union all select token_hash from booking_holds
      union all select token_hash from waitlist_offers
      union all select token_hash from calendar_feeds
      union all select auth_token_encrypted from sms_settings where auth_token_encrypted is not null`;
    // Text messages: the numbers they went to and their wording; each organization's Twilio auth token in clear.
    const sms = await sql<{ to_phone: string; body: string }[]>`select distinct to_phone, body from sms_messages`;
    const smsTokens = await sql<{ organization_id: string; token: string }[]>`
      select organization_id, auth_token_encrypted as token from sms_settings where auth_token_encrypted is not null`;
    return [
      ...patients.flatMap((p) =>
        personNeedles({ firstName: p.first_name, lastName: p.last_name, email: p.email, phone: p.phone, dateOfBirth: p.dob }),
      ),
      ...users.flatMap((u) => [
        { kind: "user e-mail", value: u.email },
        ...(u.password_hash ? [{ kind: "password hash", value: u.password_hash }] : []),
      ]),
      ...providers.flatMap((p) => [
        ...(p.email ? [{ kind: "provider e-mail", value: p.email }] : []),
        ...(p.phone ? [{ kind: "provider phone", value: p.phone }] : []),
      ]),
      ...hashes.filter((h) => h.hash.length >= 16).map((h) => ({ kind: "secret hash", value: h.hash })),
      ...sms.flatMap((m) => [
        { kind: "sms phone", value: m.to_phone },
        { kind: "sms body", value: m.body },
      ]),
      ...smsTokens.flatMap((t) => {
        const token = decryptAuthToken(t.organization_id, t.token);
        return token ? [{ kind: "sms auth token", value: token }] : [];
      }),
      ...TEST_PASSWORDS.map((value) => ({ kind: "test password", value })),
    ];
  });
}

/** Scans this file's lines, keeps them for the run's summary, and returns the report. */
export async function scanCapturedLines(testFile: string): Promise<ScanReport & { description: string }> {
  const report = scanLogLines(capturedLines, await databaseNeedles());
  const name = path.relative(process.cwd(), testFile);
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const base = path.join(LOG_DIR, name.replace(/[/\\]/g, "__"));
  fs.writeFileSync(`${base}.log`, capturedLines.length ? `${capturedLines.join("\n")}\n` : "");
  fs.writeFileSync(`${base}.json`, JSON.stringify({ file: name, lines: report.lines, findings: report.findings.length }));
  return { ...report, description: describeScan(`log scan, ${name}`, report) };
}
