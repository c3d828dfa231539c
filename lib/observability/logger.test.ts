import { DrizzleQueryError } from "drizzle-orm/errors";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors/app-error";
import { createLogger } from "./logger";
import { scanLogLines, personNeedles } from "./log-scan";

// The logger as the app builds it, writing to memory: what would a line say?
function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", destination: { write: (line: string) => void lines.push(line.trimEnd()) } });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const patient = {
  firstName: "Ana",
  lastName: "Quintero",
  email: "ana.quintero@example.com",
  phone: "+1-555-0199",
  dateOfBirth: "1984-07-21",
};

/** The error a failed insert raises: drizzle's wrapper (SQL and parameters in its message) around postgres.js's. */
function failedInsert() {
  const pg = new postgres.PostgresError({
    message: 'duplicate key value violates unique constraint "patients_org_email_key"',
    code: "23505",
    severity: "ERROR",
    detail: `Key (organization_id, email)=(7d8f3c1e-0000-4000-8000-000000000001, ${patient.email}) already exists.`,
    constraint_name: "patients_org_email_key",
    table_name: "patients",
  } as unknown as ConstructorParameters<typeof postgres.PostgresError>[0]);
  Object.defineProperties(pg, {
    query: { value: "insert into patients (first_name, last_name, email) values ($1, $2, $3)", enumerable: true },
    parameters: { value: [patient.firstName, patient.lastName, patient.email], enumerable: true },
  });
  return new DrizzleQueryError(
    'insert into "patients" ("first_name", "last_name", "date_of_birth", "email", "phone") values ($1, $2, $3, $4, $5)',
    [patient.firstName, patient.lastName, patient.dateOfBirth, patient.email, patient.phone],
    pg,
  );
}

describe("logger", () => {
  it("logs a database error by its SQLSTATE and constraint, never the query, its parameters or the row", () => {
    const { logger, lines, parsed } = capture();
    logger.error({ err: failedInsert(), requestId: "r-1" }, "unhandled error");
    const [line] = parsed();
    expect(line!.err).toMatchObject({
      type: "DrizzleQueryError",
      cause: { type: "PostgresError", code: "23505", constraint: "patients_org_email_key" },
    });
    expect(JSON.stringify(line)).not.toMatch(/insert into|params|Key \(|patients \(/i);
    expect(scanLogLines(lines, personNeedles(patient)).findings).toEqual([]);
  });

  it("keeps where the error was thrown, without the message its stack starts with", () => {
    const { logger, parsed } = capture();
    logger.error({ err: failedInsert() }, "unhandled error");
    const err = parsed()[0]!.err as { stack: string };
    expect(err.stack).toMatch(/^\s+at /);
    expect(err.stack).not.toContain("Failed query");
  });

  it("keeps our own errors' messages (fixed texts) and codes", () => {
    const { logger, parsed } = capture();
    logger.warn({ err: new NotFoundError("patient") }, "refused");
    expect(parsed()[0]!.err).toMatchObject({ type: "NotFoundError", code: "not_found:patient", message: expect.any(String) });
  });

  it("drops a foreign error's message and fields: they may quote their input", () => {
    const { logger, lines } = capture();
    let invalidUrl: unknown;
    try {
      new URL(`mailto:${patient.email}:${patient.phone}`, "not a base");
    } catch (err) {
      invalidUrl = err;
    }
    logger.error({ err: invalidUrl }, "could not build a link");
    logger.error({ err: new TypeError(`Cannot read properties of ${patient.email}`) }, "could not read");
    expect(lines[0]).toContain('"type":"TypeError"');
    expect(lines[0]).toContain('"code":"ERR_INVALID_URL"');
    expect(scanLogLines(lines, personNeedles(patient)).findings).toEqual([]);
  });

  it("redacts secrets and personal fields five levels deep, in plain objects, arrays and class instances", () => {
    const { logger, lines, parsed } = capture();
    logger.info(
      {
        password: "hunter2-hunter2",
        patient: { ...patient, id: "p-1" },
        request: { headers: { authorization: "Bearer abc.def.ghi", cookie: "agentcare.session=xyz", "set-cookie": "a=b" } },
        list: [{ email: patient.email }],
        deep: { a: { b: { c: { token: "t0k3n-t0k3n-t0k3n" } } } },
        instance: new (class Contact {
          phone = patient.phone;
          kind = "mobile";
        })(),
        when: new Date("2027-01-05T09:00:00Z"),
      },
      "everything that must not show",
    );
    const line = parsed()[0]!;
    expect(line.password).toBe("[redacted]");
    expect(line.patient).toMatchObject({ id: "p-1", firstName: "[redacted]", email: "[redacted]", dateOfBirth: "[redacted]" });
    expect(line.instance).toEqual({ phone: "[redacted]", kind: "mobile" });
    expect(line.when).toBe("2027-01-05T09:00:00.000Z");
    expect(line.deep).toEqual({ a: { b: { c: { token: "[redacted]" } } } });
    expect(JSON.stringify(line)).not.toMatch(/hunter2|Bearer|xyz|t0k3n|a=b/);
    expect(scanLogLines(lines, personNeedles(patient)).findings).toEqual([]);
  });

  it("errors logged under `error`, and next-auth's `{ error }` metadata, get the same treatment", () => {
    const { logger, lines } = capture();
    logger.error({ error: failedInsert() }, "a");
    logger.error({ err: { error: failedInsert(), providerId: "credentials", message: patient.email } }, "next-auth error");
    expect(lines.join("\n")).not.toContain(patient.email);
    expect(lines[1]).toContain('"type":"DrizzleQueryError"');
  });
});

describe("logger nets", () => {
  it("an error logged as the first argument, or without a message, does not lend its message to the line", () => {
    const { logger, parsed } = capture();
    logger.error(failedInsert());
    logger.error(failedInsert(), "insert failed");
    logger.error({ err: failedInsert() });
    expect(parsed().map((l) => l.msg)).toEqual(["error", "insert failed", "error"]);
    expect(parsed().map((l) => (l.err as { type: string }).type)).toEqual(["DrizzleQueryError", "DrizzleQueryError", "DrizzleQueryError"]);
  });

  it("an error nested under any other key is described the same way", () => {
    const { logger, lines } = capture();
    logger.warn({ job: { step: "deliver", failure: failedInsert() }, failures: [failedInsert()] }, "job failed");
    expect(lines[0]).toContain('"failure":{"type":"DrizzleQueryError"');
    expect(scanLogLines(lines, personNeedles(patient)).findings).toEqual([]);
  });
});
