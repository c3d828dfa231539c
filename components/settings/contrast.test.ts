import { describe, expect, it } from "vitest";
import { contrastGrade, contrastRatio, isHexColor, luminance } from "./contrast";

describe("contrast", () => {
  it("matches the WCAG extremes", () => {
    expect(luminance("#ffffff")).toBeCloseTo(1, 5);
    expect(luminance("#000000")).toBe(0);
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
  });

  it("is symmetric", () => {
    expect(contrastRatio("#0f766e", "#ffffff")).toBeCloseTo(contrastRatio("#ffffff", "#0f766e"), 10);
  });

  it("grades the default and demo colours for white text", () => {
    // #0f766e (teal-700) on white ≈ 5.47; #1d4ed8 (blue-700) ≈ 6.70; amber #f59e0b ≈ 2.15.
    expect(contrastRatio("#ffffff", "#0f766e")).toBeCloseTo(5.47, 1);
    expect(contrastRatio("#ffffff", "#1d4ed8")).toBeCloseTo(6.7, 1);
    expect(contrastGrade(contrastRatio("#ffffff", "#f59e0b"))).toBe("fail");
    expect(contrastGrade(4.5)).toBe("AA");
    expect(contrastGrade(3.2)).toBe("AA large");
    expect(contrastGrade(7.1)).toBe("AAA");
  });

  it("accepts only #rrggbb", () => {
    expect(isHexColor("#1D4ED8")).toBe(true);
    expect(isHexColor("#fff")).toBe(false);
    expect(isHexColor("1d4ed8")).toBe(false);
    expect(() => luminance("red")).toThrow();
  });
});
