import { describe, expect, it } from "vitest";
import { BLACK, brandContrast, brandContrastMessage, contrastRatio, textColorOn, WHITE } from "./contrast";

describe("text on a brand colour", () => {
  it("is white on dark colours and black on light ones, whichever contrasts more", () => {
    expect(textColorOn("#0f766e")).toBe(WHITE);
    expect(textColorOn("#1d4ed8")).toBe(WHITE);
    expect(textColorOn("#000000")).toBe(WHITE);
    expect(textColorOn("#ffffff")).toBe(BLACK);
    expect(textColorOn("#f59e0b")).toBe(BLACK);
    expect(textColorOn("#e8e8e8")).toBe(BLACK);
  });

  it("always picks the better of the two", () => {
    for (const c of ["#777777", "#767676", "#808080", "#ff0000", "#00ff00", "#0000ff", "#facc15", "#7c3aed"]) {
      const chosen = contrastRatio(textColorOn(c), c);
      expect(chosen).toBeGreaterThanOrEqual(contrastRatio(WHITE, c));
      expect(chosen).toBeGreaterThanOrEqual(contrastRatio(BLACK, c));
      // Black or white always reaches about 4.58:1 on some side.
      expect(chosen).toBeGreaterThan(4.5);
    }
  });
});

describe("brand contrast", () => {
  it("accepts the default and demo colours", () => {
    expect(brandContrast("#0f766e")).toMatchObject({ text: WHITE, ok: true });
    expect(brandContrast("#1d4ed8")).toMatchObject({ text: WHITE, ok: true });
  });

  it("refuses a colour that all but disappears on the white page", () => {
    const c = brandContrast("#e8e8e8");
    expect(c.onPage).toBeCloseTo(1.22, 1);
    expect(c.text).toBe(BLACK);
    expect(c.ok).toBe(false);
    expect(brandContrastMessage(c)).toMatch(/only 1\.\d\d:1 contrast against the white page/);
    expect(brandContrast("#dddddd").ok).toBe(false);
  });

  it("draws the line at 3:1", () => {
    // #949494 ≈ 3.03:1 on white; #969696 ≈ 2.96:1.
    expect(brandContrast("#949494").ok).toBe(true);
    expect(brandContrast("#969696").ok).toBe(false);
  });
});
