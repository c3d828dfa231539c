import { describe, expect, it } from "vitest";
import { ANY_PROVIDER, modesFor, plainFieldErrors, providersFor, readSelection, resolveSelection, selectionQuery } from "./booking-steps";

const TYPE = { id: "t1", telehealthAllowed: true };
const IN_PERSON_ONLY = { id: "t2", telehealthAllowed: false };
const video = { id: "p1", offersTelehealth: true, appointmentTypeIds: ["t1", "t2"] };
const clinicOnly = { id: "p2", offersTelehealth: false, appointmentTypeIds: ["t1", "t2"] };
const otherType = { id: "p3", offersTelehealth: true, appointmentTypeIds: ["t2"] };
const providers = [video, clinicOnly, otherType];

describe("the booking flow's address", () => {
  it("round-trips a selection through the query string", () => {
    const selection = {
      type: "t1",
      mode: "telehealth" as const,
      provider: "p1",
      date: "2026-03-09",
      time: "2026-03-09T17:00:00.000Z",
      with: "p1",
    };
    expect(readSelection(new URLSearchParams(selectionQuery(selection)))).toEqual(selection);
  });

  it("ignores values that cannot be a choice", () => {
    expect(readSelection(new URLSearchParams("mode=phone&date=tomorrow&time=soon"))).toEqual({});
  });
});

describe("which providers and modes are offered", () => {
  it("offers video providers only for a video visit", () => {
    expect(providersFor(providers, "t1", "telehealth").map((p) => p.id)).toEqual(["p1"]);
    expect(providersFor(providers, "t1", "in_person").map((p) => p.id)).toEqual(["p1", "p2"]);
  });

  it("offers video only when the type allows it and someone offers it", () => {
    expect(modesFor(TYPE, providers)).toEqual(["in_person", "telehealth"]);
    expect(modesFor(IN_PERSON_ONLY, providers)).toEqual(["in_person"]);
    expect(modesFor(TYPE, [clinicOnly])).toEqual(["in_person"]);
  });
});

describe("the step a selection is on", () => {
  it("walks type → mode → provider → time → details", () => {
    expect(resolveSelection({}, [TYPE], providers).step).toBe("type");
    expect(resolveSelection({ type: "t1" }, [TYPE], providers).step).toBe("mode");
    expect(resolveSelection({ type: "t1", mode: "telehealth" }, [TYPE], providers).step).toBe("provider");
    expect(resolveSelection({ type: "t1", mode: "telehealth", provider: "p1" }, [TYPE], providers).step).toBe("time");
    const details = resolveSelection(
      { type: "t1", mode: "in_person", provider: ANY_PROVIDER, time: "2026-03-09T17:00:00Z", with: "p2" },
      [TYPE],
      providers,
    );
    expect(details.step).toBe("details");
    expect(details.selection.with).toBe("p2");
  });

  it("skips the mode step when only one mode is possible", () => {
    const r = resolveSelection({ type: "t2" }, [IN_PERSON_ONLY], providers);
    expect(r).toMatchObject({ step: "provider", selection: { type: "t2", mode: "in_person" } });
  });

  it("never pairs a video visit with a provider who does not offer it", () => {
    const r = resolveSelection({ type: "t1", mode: "telehealth", provider: "p2", time: "2026-03-09T17:00:00Z" }, [TYPE], providers);
    expect(r.step).toBe("provider");
    expect(r.selection.provider).toBeUndefined();
    const anyone = resolveSelection(
      { type: "t1", mode: "telehealth", provider: ANY_PROVIDER, time: "2026-03-09T17:00:00Z", with: "p2" },
      [TYPE],
      providers,
    );
    expect(anyone.step).toBe("time");
  });

  it("starts over on an unknown type", () => {
    expect(resolveSelection({ type: "nope", mode: "in_person", provider: "p1" }, [TYPE], providers)).toMatchObject({
      step: "type",
      selection: {},
    });
  });
});

describe("server field errors in the form's words", () => {
  it("drops the patient. prefix and asks for the date of birth plainly", () => {
    const plain = plainFieldErrors({
      "patient.dateOfBirth": ["Use a date like 2026-03-09."],
      "patient.email": ["Enter a valid e-mail address."],
    });
    expect(plain.dateOfBirth![0]).toMatch(/^Enter your date of birth as/);
    expect(plain.email).toEqual(["Enter a valid e-mail address."]);
    expect(JSON.stringify(plain)).not.toContain("patient.");
  });

  it("keeps a message that is already plain", () => {
    expect(plainFieldErrors({ "patient.dateOfBirth": ["The date of birth cannot be in the future."] }).dateOfBirth).toEqual([
      "The date of birth cannot be in the future.",
    ]);
  });
});
