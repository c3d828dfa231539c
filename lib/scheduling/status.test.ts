import { describe, expect, it } from "vitest";
import { allowedTransitions, canTransition, isTerminal } from "./status";

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
