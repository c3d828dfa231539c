import { describe, expect, it } from "vitest";
import { type AppError, ValidationError } from "@/lib/errors/app-error";
import { DatabaseUnavailableError, isDatabaseUnreachable, mapDatabaseError } from "./errors";

const pg = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error("db"), { code, ...extra });

describe("mapDatabaseError", () => {
  it.each(["22P02", "22007", "22008", "22001", "22003", "22009", "22021", "22P05", "54000"])(
    "maps %s, a value the caller sent, to a 400",
    (code) => {
      const mapped = mapDatabaseError(new Error("wrapped", { cause: pg(code) }));
      expect(mapped).toBeInstanceOf(ValidationError);
      expect((mapped as AppError).status).toBe(400);
    },
  );

  it("names the column when the database does", () => {
    const mapped = mapDatabaseError(pg("22001", { column: "reason" })) as ValidationError;
    expect(Object.keys(mapped.fieldErrors ?? {})).toEqual(["reason"]);
  });

  it.each(["ECONNREFUSED", "ECONNRESET", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "57P01", "08006", "53300"])(
    "maps %s, an unreachable database, to 503 unavailable",
    (code) => {
      const mapped = mapDatabaseError(new Error("wrapped", { cause: pg(code) }));
      expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
      expect((mapped as AppError).status).toBe(503);
    },
  );

  it("sees an unreachable database inside an AggregateError, and leaves other faults alone", () => {
    expect(isDatabaseUnreachable(new AggregateError([pg("ECONNREFUSED"), pg("ECONNREFUSED")]))).toBe(true);
    const other = new TypeError("a bug of ours");
    expect(mapDatabaseError(other)).toBe(other);
    expect(isDatabaseUnreachable(pg("42P01"))).toBe(false);
  });
});
