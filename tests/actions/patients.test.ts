import { beforeAll, describe, expect, it, vi } from "vitest";
import { actionAttacks, twoHospitals, type Hospitals } from "../support/action-attacks";
import { arriveAs } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);

const { createPatientAction, patientRecordAction, searchPatientsAction, updatePatientAction } =
  await import("@/app/org/[org]/(staff)/patients/actions");

let h: Hospitals;
beforeAll(async () => {
  h = await twoHospitals("pat-actions");
});
const hospitals = () => h;

let n = 0;
const newPatient = () => ({ firstName: "Ada", lastName: `Lovelace${++n}`, dateOfBirth: "1980-12-10", email: "", phone: "" });

describe("patient actions", () => {
  actionAttacks("createPatientAction", hospitals, {
    page: "/patients/new",
    valid: () => createPatientAction(newPatient()),
    invalid: () => createPatientAction({ firstName: "", lastName: "", dateOfBirth: "2999-01-01", email: "nope" } as never),
    allowed: "staff",
  });

  actionAttacks("updatePatientAction", hospitals, {
    page: "/patients/x",
    valid: (w) => updatePatientAction({ id: w.a.patientId, phone: "555 0100" }),
    foreignIds: (w) => updatePatientAction({ id: w.b.patientId, phone: "555 0199" }),
    invalid: (w) => updatePatientAction({ id: w.a.patientId, mrn: "", email: "bad" }),
    allowed: "clinician",
  });

  actionAttacks("patientRecordAction", hospitals, {
    page: "/patients/x",
    valid: (w) => patientRecordAction({ id: w.a.patientId }),
    foreignIds: (w) => patientRecordAction({ id: w.b.patientId }),
    invalid: () => patientRecordAction({ id: "not-an-id" }),
    allowed: "staff",
  });

  actionAttacks("searchPatientsAction", hospitals, {
    page: "/patients",
    valid: () => searchPatientsAction({ q: "Ient", limit: 10 }),
    invalid: () => searchPatientsAction({ limit: 0 } as never),
    allowed: "staff",
  });

  it("search finds this hospital's patients only, however the other hospital's are named", async () => {
    const member = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: "/patients", session: member.session });
    const result = await searchPatientsAction({ limit: 200 });
    expect(result.ok).toBe(true);
    const ids = result.ok ? result.data.data.map((p) => p.id) : [];
    expect(ids).toContain(h.a.patientId);
    expect(ids).not.toContain(h.b.patientId);
  });

  it("an organizationId in the payload is ignored: the patient lands in the hospital the request came to", async () => {
    const member = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: "/patients/new", session: member.session });
    const result = await createPatientAction({ ...newPatient(), organizationId: h.b.orgId } as never);
    expect(result.ok && result.data.organizationId).toBe(h.a.orgId);
  });
});
