import { describe, expect, it } from "vitest";
import { readEntry } from "./audited-tenant";

const actor = { type: "user" as const, userId: "u-1", role: "staff" };
const request = { requestId: "r-1", ip: "203.0.113.1", userAgent: "test" };

describe("readEntry: one audit row for everything a read showed", () => {
  it("names every record in order and every patient once", () => {
    const entry = readEntry(
      "view",
      "appointment",
      [
        { id: "a-1", patientId: "p-1" },
        { id: "a-2", patientId: "p-2" },
        { id: "a-3", patientId: "p-1" },
        { id: "a-4", patientId: null },
      ],
      actor,
      request,
    );
    expect(entry).toMatchObject({ action: "view", resourceType: "appointment", actor, request });
    expect(entry.resourceIds).toEqual(["a-1", "a-2", "a-3", "a-4"]);
    expect(entry.patientIds).toEqual(["p-1", "p-2"]);
    // Several records or patients: the single-valued columns stay empty.
    expect(entry.resourceId).toBeNull();
    expect(entry.patientId).toBeNull();
  });

  it("a list of one also fills resource_id and patient_id, as a single view does", () => {
    const entry = readEntry("view", "patient", [{ id: "p-9", patientId: "p-9" }], actor, request);
    expect(entry).toMatchObject({ resourceId: "p-9", patientId: "p-9", resourceIds: ["p-9"], patientIds: ["p-9"] });
  });

  it("records of one patient name that patient", () => {
    const entry = readEntry(
      "view",
      "appointment",
      [
        { id: "a-1", patientId: "p-1" },
        { id: "a-2", patientId: "p-1" },
      ],
      actor,
      request,
    );
    expect(entry).toMatchObject({ resourceId: null, patientId: "p-1", patientIds: ["p-1"] });
  });
});
