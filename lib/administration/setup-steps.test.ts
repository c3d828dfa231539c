import { describe, expect, it } from "vitest";
import { hoursChanged, setupSteps, type SetupFacts } from "./setup-steps";

const fresh: SetupFacts = {
  businessHoursSet: false,
  providers: 0,
  appointmentTypes: 0,
  branding: { logoUrl: null, primaryColor: "#0f766e", accentColor: "#f59e0b" },
  members: 1,
  openInvitations: 0,
};

describe("setupSteps", () => {
  it("has nothing done for a brand-new organization", () => {
    expect(setupSteps(fresh).filter((s) => s.done)).toEqual([]);
  });

  it("counts branding as customised by colour (any case) or logo", () => {
    const done = (branding: SetupFacts["branding"]) => setupSteps({ ...fresh, branding }).find((s) => s.id === "branding")!.done;
    expect(done({ logoUrl: null, primaryColor: "#0F766E", accentColor: "#F59E0B" })).toBe(false);
    expect(done({ logoUrl: null, primaryColor: "#1d4ed8", accentColor: "#f59e0b" })).toBe(true);
    expect(done({ logoUrl: null, primaryColor: "#0f766e", accentColor: "#000000" })).toBe(true);
    expect(done({ logoUrl: "https://example.org/logo.png", primaryColor: "#0f766e", accentColor: "#f59e0b" })).toBe(true);
  });

  it("counts the team as invited with a second member or an open invitation", () => {
    const team = (members: number, openInvitations: number) =>
      setupSteps({ ...fresh, members, openInvitations }).find((s) => s.id === "team")!.done;
    expect(team(1, 0)).toBe(false);
    expect(team(2, 0)).toBe(true);
    expect(team(1, 1)).toBe(true);
  });

  it("is all done for a set-up organization", () => {
    const all = setupSteps({
      businessHoursSet: true,
      providers: 3,
      appointmentTypes: 2,
      branding: { logoUrl: null, primaryColor: "#1d4ed8", accentColor: "#f59e0b" },
      members: 4,
      openInvitations: 0,
    });
    expect(all.every((s) => s.done)).toBe(true);
  });
});

describe("hoursChanged", () => {
  const defaults = {
    monday: { start: "09:00", end: "17:00", isOpen: true },
    sunday: { start: "09:00", end: "13:00", isOpen: false },
  };
  it("ignores the times of a closed day", () => {
    expect(hoursChanged({ ...defaults, sunday: { start: "10:00", end: "12:00", isOpen: false } }, defaults)).toBe(false);
  });
  it("sees a changed opening time or an opened day", () => {
    expect(hoursChanged({ ...defaults, monday: { start: "08:00", end: "17:00", isOpen: true } }, defaults)).toBe(true);
    expect(hoursChanged({ ...defaults, sunday: { start: "09:00", end: "13:00", isOpen: true } }, defaults)).toBe(true);
  });
});
