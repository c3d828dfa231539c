import { describe, expect, it } from "vitest";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PlanLimitError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from "./app-error";
import { codesWithStatus, ERROR_CATALOGUE, isErrorCode } from "./catalogue";

describe("the error catalogue", () => {
  it("gives every error its status from one table", () => {
    expect(new ValidationError("x").status).toBe(400);
    expect(new UnauthenticatedError().status).toBe(401);
    expect(new PlanLimitError("plan_limit:users", "x").status).toBe(402);
    expect(new ForbiddenError().status).toBe(403);
    expect(new NotFoundError("patient").code).toBe("not_found:patient");
    expect(new NotFoundError("patient").status).toBe(404);
    expect(new ConflictError("appointment_overlap", "x").status).toBe(409);
    expect(new RateLimitedError().status).toBe(429);
  });

  it("has a default message for every code, and codes are family:detail or a bare family", () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[a-z_]+(:[a-z_]+)?$/);
      expect(entry.message.length).toBeGreaterThan(5);
      expect(entry.status).toBeGreaterThanOrEqual(400);
    }
  });

  it("is closed: unknown codes are not codes", () => {
    expect(isErrorCode("not_found:patient")).toBe(true);
    expect(isErrorCode("not_found:anything")).toBe(false);
    expect(codesWithStatus(402)).toContain("plan_feature:telehealth");
    expect(codesWithStatus(404).every((c) => c.startsWith("not_found:"))).toBe(true);
  });
});
