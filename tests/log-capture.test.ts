import pino from "pino";
import { describe, expect, it } from "vitest";
import { patients } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { personNeedles, scanLogLines } from "@/lib/observability/log-scan";
import { patientsRepo } from "@/lib/patients/repository";
import { describeFailure } from "@/lib/pipeline/respond";
import type { RequestFacts } from "@/lib/pipeline/request";
import { createOrganization, rejection } from "./support/fixtures";
import { capturedLines } from "./support/log-capture";

// The integration suite's log capture, and what a real database failure looks like in it: the
// driver's error carries the SQL, the parameters (a patient's details) and the failing row; the
// line the pipeline writes carries the SQLSTATE and the constraint.

const patient = {
  firstName: "Imogen",
  lastName: "Vasquez-Lind",
  dateOfBirth: "1969-08-14",
  email: "imogen.vl@log-capture.test",
  phone: "+1 555 0123",
};

const facts: RequestFacts = {
  host: "log-capture.localhost",
  hostClass: { kind: "tenant", slug: "log-capture" },
  path: `/api/v1/patients?q=${encodeURIComponent(patient.lastName)}`,
  pathTenant: null,
  requestId: "log-capture-1",
  ip: "10.3.3.3",
  userAgent: "vitest",
  origin: null,
  secFetchSite: null,
  authority: "log-capture.localhost",
  authorization: null,
  organizationSelector: null,
  protocol: "http:",
};

/**
 * An insert PostgreSQL refuses with an error nothing maps to a user's error (a NOT NULL violation):
 * drizzle's error holds the SQL and the parameters, postgres.js's the failing row.
 */
async function refusedInsertError(): Promise<unknown> {
  const org = await createOrganization("log-capture");
  return rejection(
    withTenant(org.id, (tx) => tx.insert(patients).values({ organizationId: org.id, mrn: null as unknown as string, ...patient })),
  );
}

const linesFor = (requestId: string) => capturedLines.filter((l) => l.includes(`"requestId":"${requestId}"`));

describe("log capture", () => {
  it("an unhandled database error is logged by SQLSTATE and constraint, with nothing of the patient", async () => {
    const err = await refusedInsertError();
    // What the driver's error holds, and what a default serializer would print:
    expect(`${(err as Error).message} ${JSON.stringify((err as Error).cause)}`).toContain(patient.email);

    await describeFailure(err, facts, null, "api");
    const [line] = linesFor(facts.requestId);
    expect(line, "the app's logger writes to the capture").toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({
      level: 50,
      msg: "unhandled error",
      path: "/api/v1/patients",
      err: { type: "DrizzleQueryError", cause: { type: "PostgresError", code: "23502" } },
    });
    expect(scanLogLines([line!], personNeedles(patient)).findings).toEqual([]);
  });

  it("a refused input is logged by its code and field names, never its values", async () => {
    const org = await createOrganization("log-capture");
    await withTenant(org.id, (tx) => patientsRepo(tx, org.id).create({ input: { mrn: "LC-1", ...patient } }));
    const duplicate = await rejection(withTenant(org.id, (tx) => patientsRepo(tx, org.id).create({ input: { mrn: "LC-2", ...patient } })));
    await describeFailure(duplicate, { ...facts, requestId: "log-capture-2" }, null, "api");
    const [line] = linesFor("log-capture-2");
    expect(JSON.parse(line!)).toMatchObject({ level: 20, msg: "request refused", code: "conflict:patient_email" });
    expect(scanLogLines([line!], personNeedles(patient)).findings).toEqual([]);
  });

  it("the scan would catch the same error logged the default way (the defect this guards against)", async () => {
    const err = await refusedInsertError();
    const leaked: string[] = [];
    const plain = pino({ level: "debug" }, { write: (l: string) => void leaked.push(l) });
    plain.error({ err, requestId: "log-capture-3", path: facts.path }, "unhandled error");
    const kinds = scanLogLines(leaked, personNeedles(patient)).findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(["e-mail", "first name", "last name", "date of birth", "database query or parameters"]));
  });
});
