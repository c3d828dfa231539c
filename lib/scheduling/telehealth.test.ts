import { describe, expect, it } from "vitest";
import { telehealthAvailable, telehealthOffered } from "./telehealth";

describe("telehealth", () => {
  it("needs the setting and a plan that includes video visits", () => {
    expect(telehealthAvailable({ plan: "professional", enableTelehealth: true })).toBe(true);
    expect(telehealthAvailable({ plan: "basic", enableTelehealth: true })).toBe(false);
    expect(telehealthAvailable({ plan: "enterprise", enableTelehealth: false })).toBe(false);
  });

  it("needs the type to allow it and the provider to offer it", () => {
    const org = { plan: "enterprise" as const, enableTelehealth: true };
    expect(telehealthOffered(org, { telehealthAllowed: true }, { offersTelehealth: true })).toBe(true);
    expect(telehealthOffered(org, { telehealthAllowed: false })).toBe(false);
    expect(telehealthOffered(org, { telehealthAllowed: true }, { offersTelehealth: false })).toBe(false);
    expect(telehealthOffered({ plan: "basic", enableTelehealth: true }, { telehealthAllowed: true })).toBe(false);
  });
});
