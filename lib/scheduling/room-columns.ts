// The day view's room columns, as a pure rule the schedule screen and its tests share.

export type RoomColumn = { id: string | null; name: string };

/**
 * One location's columns: its active rooms and equipment (in the order given), then any room a
 * visit holds that is no longer listed (so no visit goes missing), then "No room" for the
 * location's visits without one — only when there are some. `visits` are that location's.
 */
export function roomColumns(
  rooms: readonly { id: string; name: string; locationId: string }[],
  locationId: string,
  visits: readonly { resourceId: string | null; resourceName: string | null }[],
): RoomColumn[] {
  const columns: RoomColumn[] = rooms.filter((r) => r.locationId === locationId).map((r) => ({ id: r.id, name: r.name }));
  const known = new Set(columns.map((c) => c.id));
  for (const v of visits) {
    if (v.resourceId && !known.has(v.resourceId)) {
      known.add(v.resourceId);
      columns.push({ id: v.resourceId, name: v.resourceName ?? "Room" });
    }
  }
  if (visits.some((v) => !v.resourceId)) columns.push({ id: null, name: "No room" });
  return columns;
}
