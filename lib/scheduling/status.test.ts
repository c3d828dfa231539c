import { describe, expect, it } from "vitest";
import { allowedTransitions, canTransition, canUndo, isTerminal, holdsTime, isChangeable, nextActions } from "./status";

describe("appointment lifecycle", () => {
  it("follows scheduled → confirmed → checked_in → completed", () => {
    expect(canTransition("scheduled", "confirmed")).toBe(true);
    expect(canTransition("confirmed", "checked_in")).toBe(true);
    expect(canTransition("checked_in", "completed")).toBe(true);
  });

  it("refuses going backwards or out of a terminal state", () => {
    expect(canTransition("completed", "scheduled")).toBe(false);
    expect(canTransition("cancelled", "confirmed")).toBe(false);
    expect(canTransition("checked_in", "cancelled")).toBe(false);
    expect(canTransition("no_show", "checked_in")).toBe(false);
    expect(isTerminal("cancelled")).toBe(true);
    expect(allowedTransitions("completed")).toEqual([]);
  });

  it("allows cancel and no-show before check-in only", () => {
    expect(canTransition("scheduled", "cancelled")).toBe(true);
    expect(canTransition("confirmed", "no_show")).toBe(true);
    expect(canTransition("checked_in", "no_show")).toBe(false);
  });
});

describe("what screens offer", () => {
  it("offers exactly the transitions the server allows, minus cancel (its own dialog)", () => {
    expect(nextActions("scheduled").map((a) => a.to)).toEqual(["confirmed", "checked_in", "no_show"]);
    expect(nextActions("confirmed").map((a) => a.label)).toEqual(["Check in", "No-show"]);
    expect(nextActions("checked_in")).toEqual([{ to: "completed", label: "Complete" }]);
    expect(nextActions("completed")).toEqual([]);
  });

  it("lets only scheduled and confirmed appointments be moved or cancelled", () => {
    expect(["scheduled", "confirmed", "checked_in", "completed", "cancelled", "no_show"].filter((s) => isChangeable(s as never))).toEqual([
      "scheduled",
      "confirmed",
    ]);
    expect(holdsTime("cancelled")).toBe(false);
    expect(holdsTime("checked_in")).toBe(true);
  });
});

describe("taking back a status change", () => {
  it("check-in, no-show, confirm and complete can be taken back to the status they came from", () => {
    expect(canUndo("scheduled", "checked_in")).toBe(true);
    expect(canUndo("confirmed", "checked_in")).toBe(true);
    expect(canUndo("scheduled", "no_show")).toBe(true);
    expect(canUndo("scheduled", "confirmed")).toBe(true);
    expect(canUndo("checked_in", "completed")).toBe(true);
  });

  it("a cancellation never is (the patient was told), nor a move the lifecycle never makes", () => {
    expect(canUndo("scheduled", "cancelled")).toBe(false);
    expect(canUndo("confirmed", "cancelled")).toBe(false);
    expect(canUndo("scheduled", "completed")).toBe(false);
    expect(canUndo("completed", "checked_in")).toBe(false);
    expect(canUndo("no_show", "scheduled")).toBe(false);
  });
});
