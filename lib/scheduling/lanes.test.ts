import { describe, expect, it } from "vitest";
import { packLanes, spansOverlap, type Span } from "./lanes";

const span = (id: string, start: number, end: number): Span => ({ id, start, end });

/** Horizontal extents [left, right) as fractions of the column, per item. */
function extents(items: Span[]) {
  const placed = packLanes(items);
  return new Map(items.map((i) => [i.id, { left: placed.get(i.id)!.lane / placed.get(i.id)!.lanes, width: 1 / placed.get(i.id)!.lanes }]));
}

describe("packLanes", () => {
  it("gives a lone item the whole column", () => {
    expect(packLanes([span("a", 0, 30)]).get("a")).toEqual({ lane: 0, lanes: 1 });
  });

  it("keeps touching items in one lane (one ends as the next starts)", () => {
    const placed = packLanes([span("a", 0, 30), span("b", 30, 60), span("c", 60, 90)]);
    expect([...placed.values()]).toEqual([
      { lane: 0, lanes: 1 },
      { lane: 0, lanes: 1 },
      { lane: 0, lanes: 1 },
    ]);
  });

  it("splits overlapping items side by side and reuses a lane once it is free", () => {
    const placed = packLanes([span("a", 0, 60), span("b", 15, 45), span("c", 45, 90), span("d", 100, 120)]);
    expect(placed.get("a")).toEqual({ lane: 0, lanes: 2 });
    expect(placed.get("b")).toEqual({ lane: 1, lanes: 2 });
    // c starts when b ends: it takes b's lane, and the cluster stays two lanes wide.
    expect(placed.get("c")).toEqual({ lane: 1, lanes: 2 });
    // d starts after the cluster: a new cluster, full width.
    expect(placed.get("d")).toEqual({ lane: 0, lanes: 1 });
  });

  it("sizes each cluster by its own overlaps", () => {
    const placed = packLanes([span("a", 0, 30), span("b", 0, 30), span("c", 0, 30), span("d", 60, 90), span("e", 70, 80)]);
    expect(["a", "b", "c"].map((id) => placed.get(id))).toEqual([
      { lane: 0, lanes: 3 },
      { lane: 1, lanes: 3 },
      { lane: 2, lanes: 3 },
    ]);
    expect(placed.get("d")!.lanes).toBe(2);
    expect(placed.get("e")!.lanes).toBe(2);
  });

  it("does not depend on the input order", () => {
    const items = [span("a", 10, 50), span("b", 0, 20), span("c", 30, 70), span("d", 5, 15)];
    const forward = packLanes(items);
    const backward = packLanes([...items].reverse());
    expect(backward).toEqual(forward);
  });

  it("counts an item with no length as one unit", () => {
    const placed = packLanes([span("a", 10, 10), span("b", 10, 40)]);
    expect(placed.get("a")!.lanes).toBe(2);
  });

  it("never lets two overlapping items share horizontal space (random days)", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: 1 + Math.floor(random() * 25) }, (_, i) => {
        const start = Math.floor(random() * 40) * 15;
        return span(`i${i}`, start, start + (1 + Math.floor(random() * 6)) * 15);
      });
      const box = extents(items);
      for (const a of items)
        for (const b of items) {
          if (a.id >= b.id || !spansOverlap(a, b)) continue;
          const p = box.get(a.id)!;
          const q = box.get(b.id)!;
          const sideBySide = p.left + p.width <= q.left + 1e-9 || q.left + q.width <= p.left + 1e-9;
          expect(sideBySide, `${JSON.stringify(a)} and ${JSON.stringify(b)} in round ${round}`).toBe(true);
        }
    }
  });
});
