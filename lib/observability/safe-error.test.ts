import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors/app-error";
import { loggablePath } from "./log-path";
import { errorSummary, safeError, scriptFailure } from "./safe-error";

describe("safeError", () => {
  it("keeps type, codes, constraint and frames; drops message, detail, query and parameters", () => {
    const err = Object.assign(new Error("duplicate key value violates unique constraint"), {
      name: "PostgresError",
      code: "23505",
      constraint_name: "patients_org_email_key",
      detail: "Key (email)=(a@b.c) already exists.",
      query: "insert …",
      parameters: ["a@b.c"],
    });
    const safe = safeError(err);
    expect(safe).toMatchObject({ type: "PostgresError", code: "23505", constraint: "patients_org_email_key" });
    expect(safe.message).toBeUndefined();
    expect(JSON.stringify(safe)).not.toMatch(/a@b\.c|insert|duplicate/);
  });

  it("follows causes, and says only the type of a thrown non-error", () => {
    expect(safeError(new Error("outer", { cause: new ValidationError("Enter a name.") }))).toMatchObject({
      type: "Error",
      cause: { type: "ValidationError", code: "validation", message: "Enter a name." },
    });
    expect(safeError("jane@example.com")).toEqual({ type: "string" });
    expect(safeError({ email: "jane@example.com" })).toEqual({ type: "object" });
  });

  it("summarizes an error on one line for a script's console", () => {
    const cause = Object.assign(new Error("violates … Key (email)=(a@b.c)"), { name: "PostgresError", code: "23505", constraint: "x_key" });
    expect(errorSummary(new Error("Failed query: … params: a@b.c", { cause }))).toBe(
      "Error ← caused by PostgresError (code 23505, constraint x_key)",
    );
  });
});

describe("loggablePath", () => {
  it.each([
    ["/api/v1/public/manage/eyJwIjoi.c2ln/cancel", "/api/v1/public/manage/[token]/cancel"],
    ["/org/metro-general/waitlist/claim/Zx9_Qa2bC3dE4fG5hI6jK7lM8nO9pQ0r", "/org/metro-general/waitlist/claim/[token]"],
    ["/api/v1/public/invitations/abcDEF123_-xyz/accept", "/api/v1/public/invitations/[token]/accept"],
    ["/patients?q=Jane%20Doe", "/patients"],
    ["/api/auth/handoff?token=abc", "/api/auth/handoff"],
    ["/api/v1/patients/7d8f3c1e-0000-4000-8000-000000000001", "/api/v1/patients/7d8f3c1e-0000-4000-8000-000000000001"],
    ["/api/v1/settings/invitations", "/api/v1/settings/invitations"],
    ["/lookup/jane%40example.com", "/lookup/[redacted]"],
    ["/api/v1/public/calendar-feeds/abcdefghijklmnopqrstuvwx.ics", "/api/v1/public/calendar-feeds/[token]"],
    ["/api/v1/public/access-reports/abc.def", "/api/v1/public/access-reports/[token]"],
    ["/org/metro-general/access-report/short.sig", "/org/metro-general/access-report/[token]"],
    ["/confirm-email/x.y", "/confirm-email/[token]"],
    ["/api/v1/public/access-reports", "/api/v1/public/access-reports"],
    ["/org/a-very-long-hospital-slug-with-many-words/dashboard", "/org/a-very-long-hospital-slug-with-many-words/dashboard"],
  ])("%s → %s", (path, expected) => {
    expect(loggablePath(path)).toBe(expected);
  });
});

describe("scriptFailure", () => {
  it("prints a script's own failure, and a database failure by its codes only", () => {
    expect(scriptFailure(new Error("The embedded database in .data/pglite is in use by process 12. Stop it first."))).toBe(
      "The embedded database in .data/pglite is in use by process 12. Stop it first.",
    );
    const pg = Object.assign(new Error('invalid input syntax for type date: "Jane Doe"'), {
      name: "PostgresError",
      code: "22007",
      severity: "ERROR",
    });
    const wrapped = Object.assign(new Error("Failed query: insert into patients … params: Jane,Doe", { cause: pg }), {
      query: "insert …",
      params: ["Jane"],
    });
    expect(scriptFailure(wrapped)).toBe("Error ← caused by PostgresError (code 22007)");
    expect(scriptFailure(new Error("seeding failed", { cause: pg }))).toBe("seeding failed (PostgresError (code 22007))");
  });
});
