import { describe, expect, it } from "vitest";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { isCurrentPage, NAV_ITEMS, visibleNavItems } from "./nav-items";

describe("visibleNavItems", () => {
  it("shows an item only to roles with its permission; items without one to everyone", () => {
    expect(visibleNavItems(NAV_ITEMS, []).map((i) => i.label)).toEqual(["Dashboard"]);
    expect(visibleNavItems(NAV_ITEMS, ["patients:read"]).map((i) => i.label)).toEqual(["Dashboard", "Patients", "Waiting list"]);
    expect(visibleNavItems(SETTINGS_SECTIONS, ["members:manage"]).map((i) => i.label)).toEqual(["Members"]);
  });
});

describe("isCurrentPage", () => {
  it("marks the item's page and the pages below it", () => {
    expect(isCurrentPage("/org/metro/patients", "/org/metro/patients")).toBe(true);
    expect(isCurrentPage("/org/metro/patients/123", "/org/metro/patients")).toBe(true);
    expect(isCurrentPage("/org/metro/patients-archive", "/org/metro/patients")).toBe(false);
  });

  it("marks an exact item only on its own page", () => {
    expect(isCurrentPage("/settings", "/settings", true)).toBe(true);
    expect(isCurrentPage("/settings/members", "/settings", true)).toBe(false);
  });
});
