import { describe, expect, it } from "vitest";
import { pairedRatios, summarize } from "./stats";

describe("pairedRatios", () => {
  it("divides each round's pair and takes the median and range of those ratios", () => {
    const paired = pairedRatios([300, 420, 350], [500, 400, 500]);
    expect(paired.ratios).toEqual([0.6, 1.05, 0.7]);
    expect(paired.median).toBeCloseTo(0.7);
    expect(paired.min).toBeCloseTo(0.6);
    expect(paired.max).toBeCloseTo(1.05);
  });

  it("differs from the ratio of the medians when the machine drifts between rounds", () => {
    // The machine slows down round by round; both servers slow together.
    const ours = [400, 300, 200];
    const base = [500, 400, 250];
    const ofMedians = summarize(ours).median / summarize(base).median;
    expect(ofMedians).toBeCloseTo(0.75);
    expect(pairedRatios(ours, base).median).toBeCloseTo(0.8);
  });

  it("pairs only rounds both servers ran, and skips a round the baseline answered nothing in", () => {
    expect(pairedRatios([1, 2, 3], [2, 0]).ratios).toEqual([0.5]);
    expect(Number.isNaN(pairedRatios([], []).median)).toBe(true);
  });
});
