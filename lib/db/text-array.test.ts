import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLogs } from "@/lib/db/schema";
import { columnEncoder, stringArrayLiteral } from "./text-array";

const columns = getTableColumns(auditLogs);
const drizzle = (value: string[]) => columns.resourceIds.mapToDriverValue(value);

describe("a text array as PostgreSQL's literal", () => {
  const awkward = [
    [],
    [""],
    ["0b0c8a3e-3f7c-4a53-9d59-2f6a4b3c1d2e", "7de60e07-595a-47b3-866b-9101ee14f16e"],
    ['say "hi"', "back\\slash", 'both \\"', "a,b", "{braces}", "NULL", " spaced ", "ünï©ødé"],
  ];

  it("is character for character what drizzle writes for the column", () => {
    for (const values of awkward) expect(stringArrayLiteral(values)).toBe(drizzle(values));
  });

  it("is used for text and uuid arrays of strings only; other values and columns keep drizzle's encoding", () => {
    const ids = ["0b0c8a3e-3f7c-4a53-9d59-2f6a4b3c1d2e"];
    expect(columnEncoder(columns.patientIds)(ids)).toBe(columns.patientIds.mapToDriverValue(ids));
    expect(columnEncoder(columns.resourceIds)(['x"y'])).toBe(drizzle(['x"y']));
    const mixed = ["a", null] as unknown as string[];
    expect(columnEncoder(columns.resourceIds)(mixed)).toBe(columns.resourceIds.mapToDriverValue(mixed));
    expect(columnEncoder(columns.metadata)({ a: 1 })).toBe(columns.metadata.mapToDriverValue({ a: 1 }));
  });
});
