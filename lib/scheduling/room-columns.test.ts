import { describe, expect, it } from "vitest";
import { roomColumns } from "./room-columns";

const rooms = [
  { id: "r1", name: "Exam Room 1", locationId: "main" },
  { id: "r2", name: "Procedure Room 1", locationId: "main" },
  { id: "r3", name: "Exam Room B1", locationId: "annex" },
];

describe("roomColumns", () => {
  it("gives one column per room at the location, in the order given, and no 'No room' column when every visit has a room", () => {
    expect(roomColumns(rooms, "main", [{ resourceId: "r2", resourceName: "Procedure Room 1" }])).toEqual([
      { id: "r1", name: "Exam Room 1" },
      { id: "r2", name: "Procedure Room 1" },
    ]);
  });

  it("adds 'No room' last, once, when some visits hold no room", () => {
    const visits = [
      { resourceId: null, resourceName: null },
      { resourceId: "r1", resourceName: "Exam Room 1" },
      { resourceId: null, resourceName: null },
    ];
    expect(roomColumns(rooms, "main", visits).map((c) => c.name)).toEqual(["Exam Room 1", "Procedure Room 1", "No room"]);
  });

  it("keeps a visit whose room is no longer listed in a column of its own, named after the room", () => {
    const visits = [
      { resourceId: "old", resourceName: "Retired Room" },
      { resourceId: "old", resourceName: "Retired Room" },
    ];
    expect(roomColumns(rooms, "annex", visits)).toEqual([
      { id: "r3", name: "Exam Room B1" },
      { id: "old", name: "Retired Room" },
    ]);
  });

  it("is empty for a location with no rooms and no visits", () => {
    expect(roomColumns(rooms, "elsewhere", [])).toEqual([]);
  });
});
