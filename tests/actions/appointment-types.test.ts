import { beforeAll, describe, expect, it, vi } from "vitest";
import { actionAttacks, twoHospitals, type Hospitals } from "../support/action-attacks";
import { arriveAs, fingerprint } from "../support/request-context";

vi.mock("next/headers", async () => (await import("../support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("../support/request-context")).sessionModule);

const { createAppointmentTypeAction, listAppointmentTypesAction, updateAppointmentTypeAction } =
  await import("@/app/org/[org]/(staff)/appointment-types/actions");

let h: Hospitals;
beforeAll(async () => {
  h = await twoHospitals("type-actions");
});
const hospitals = () => h;

let n = 0;
const newType = () => ({
  name: `Consultation ${++n}`,
  description: "",
  durationMinutes: 20,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 5,
});

describe("appointment type actions", () => {
  actionAttacks("listAppointmentTypesAction", hospitals, {
    page: "/appointment-types",
    valid: () => listAppointmentTypesAction({}),
    invalid: () => listAppointmentTypesAction({ activeOnly: "maybe" } as never),
    allowed: "staff",
  });

  actionAttacks("createAppointmentTypeAction", hospitals, {
    page: "/appointment-types",
    valid: () => createAppointmentTypeAction(newType()),
    invalid: () => createAppointmentTypeAction({ name: "", durationMinutes: 2, bufferBeforeMinutes: -1 }),
    allowed: "admin",
    refused: "clinician",
  });

  actionAttacks("updateAppointmentTypeAction", hospitals, {
    page: "/appointment-types",
    valid: (w) => updateAppointmentTypeAction({ id: w.a.typeId, description: "Thirty minutes with the provider" }),
    foreignIds: (w) => updateAppointmentTypeAction({ id: w.b.typeId, description: "Renamed by the other hospital" }),
    invalid: (w) => updateAppointmentTypeAction({ id: w.a.typeId, durationMinutes: 600, name: "" }),
    allowed: "admin",
    refused: "staff",
  });
});

describe("appointment type rules", () => {
  it("the list holds this hospital's types only, inactive ones unless activeOnly", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: "/appointment-types", session: admin.session });
    const retired = await createAppointmentTypeAction({ ...newType(), active: false });
    if (!retired.ok) throw new Error(retired.code);

    const staff = await h.memberOfA("staff");
    arriveAs({ host: h.a.host, path: "/appointment-types", session: staff.session });
    const all = await listAppointmentTypesAction({});
    const active = await listAppointmentTypesAction({ activeOnly: true });
    if (!all.ok || !active.ok) throw new Error("list failed");
    expect(all.data.map((t) => t.id)).toEqual(expect.arrayContaining([h.a.typeId, retired.data.id]));
    expect(all.data.map((t) => t.id)).not.toContain(h.b.typeId);
    expect(active.data.map((t) => t.id)).toContain(h.a.typeId);
    expect(active.data.map((t) => t.id)).not.toContain(retired.data.id);
  });

  it("a name is unique within the hospital (a conflict placed on the name), not across hospitals", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: "/appointment-types", session: admin.session });
    const type = newType();
    expect(await createAppointmentTypeAction(type)).toMatchObject({ ok: true, data: { name: type.name, organizationId: h.a.orgId } });
    const before = await fingerprint(h.a.orgId);
    expect(await createAppointmentTypeAction(type)).toMatchObject({ ok: false, code: "conflict:appointment_type_name" });
    expect(await fingerprint(h.a.orgId)).toBe(before);

    const other = await h.memberOfB("admin");
    arriveAs({ host: h.b.host, path: "/appointment-types", session: other.session });
    expect(await createAppointmentTypeAction(type)).toMatchObject({ ok: true, data: { organizationId: h.b.orgId } });
  });

  it("an edit changes the fields sent, and the form's numbers arrive as typed", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: "/appointment-types", session: admin.session });
    const created = await createAppointmentTypeAction({ ...newType(), telehealthAllowed: true, onlineBookable: false });
    if (!created.ok) throw new Error(created.code);
    expect(created.data).toMatchObject({ durationMinutes: 20, bufferAfterMinutes: 5, telehealthAllowed: true, onlineBookable: false });

    const edited = await updateAppointmentTypeAction({
      id: created.data.id,
      name: created.data.name,
      durationMinutes: "45",
      bufferBeforeMinutes: "10",
      bufferAfterMinutes: "0",
      active: false,
    });
    expect(edited).toMatchObject({
      ok: true,
      data: { durationMinutes: 45, bufferBeforeMinutes: 10, bufferAfterMinutes: 0, active: false },
    });

    const empty = await updateAppointmentTypeAction({ id: created.data.id, durationMinutes: "" });
    expect(empty).toMatchObject({ ok: false, code: "validation" });
    expect(Object.keys(empty.ok ? {} : empty.fieldErrors)).toEqual(["durationMinutes"]);
  });
});
