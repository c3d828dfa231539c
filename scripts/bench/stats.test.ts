import { describe, expect, it } from "vitest";
import { pairedRatios, roundOrder, roundsFor, summarize } from "./stats";

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

describe("rounds and their order", () => {
  it("by default runs one round per server, at least three, and each server takes each position once", () => {
    expect(roundsFor(5, null)).toBe(5);
    expect(roundsFor(2, null)).toBe(3);
    expect(roundsFor(1, null)).toBe(3);
    expect(roundsFor(5, 2)).toBe(2);
    const servers = ["agentcare", "next", "next-audited", "raw", "raw-audited"];
    const orders = Array.from({ length: roundsFor(servers.length, null) }, (_, round) => roundOrder(servers, round));
    for (let position = 0; position < servers.length; position++) {
      expect(new Set(orders.map((order) => order[position])).size).toBe(servers.length);
    }
    for (const order of orders) expect([...order].sort()).toEqual([...servers].sort());
  });

  it("with fewer rounds than servers, leaves some server never first (why the default is one per server)", () => {
    const servers = ["a", "b", "c", "d", "e"];
    const firsts = new Set([0, 1, 2].map((round) => roundOrder(servers, round)[0]));
    expect(firsts.size).toBe(3);
  });
});
