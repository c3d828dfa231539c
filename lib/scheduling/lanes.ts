// Side-by-side layout for a calendar column: appointments whose times overlap share the column's
// width instead of being drawn on top of each other. Pure, for the schedule grid and its tests.

export type Span = { id: string; start: number; end: number };

/** Where one item sits: lane `lane` of `lanes` equal lanes across the column. */
export type LanePlacement = { lane: number; lanes: number };

/**
 * Classic interval-graph packing. Items sorted by start (then longer first) go into the first lane
 * whose last item has ended; a cluster (items chained together by overlaps) ends when every lane is
 * free again, and all of its items split the width by the cluster's lane count. Touching items
 * (one ends as the next starts) do not overlap. An item with no length counts as one unit long.
 */
export function packLanes(items: readonly Span[]): Map<string, LanePlacement> {
  const sorted = [...items].map((i) => ({ ...i, end: Math.max(i.end, i.start + 1) }));
  sorted.sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placement = new Map<string, LanePlacement>();
  let cluster: { id: string; lane: number }[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;

  const close = () => {
    for (const c of cluster) placement.set(c.id, { lane: c.lane, lanes: laneEnds.length });
    cluster = [];
    laneEnds = [];
  };

  for (const item of sorted) {
    if (item.start >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.end);
    } else laneEnds[lane] = item.end;
    cluster.push({ id: item.id, lane });
    clusterEnd = Math.max(clusterEnd, item.end);
  }
  close();
  return placement;
}

/** Whether two spans share time (touching ends do not). */
export const spansOverlap = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
