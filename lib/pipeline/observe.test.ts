import { describe, expect, it } from "vitest";
import { actionStatus, pageTemplate } from "./observe";
import { resolutionFailure } from "./resolve-tenant";
import { NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { OrganizationMismatchError } from "@/lib/security/errors";

describe("pageTemplate", () => {
  it("turns ids, link tokens and anything unusual into placeholders, and drops the query", () => {
    expect(pageTemplate("/patients/6f1c8a52-7e1a-4c7e-9b7a-2d3c4e5f6a7b?tab=notes")).toBe("/patients/[id]");
    expect(pageTemplate("/appointments/manage/Ab3dEf_ghIJklMNopQRstUVwxYZ012345")).toBe("/appointments/manage/[token]");
    expect(pageTemplate("/patients/jane@example.com")).toBe("/patients/[token]");
    expect(pageTemplate("/search/Smith Jones")).toBe("/search/[param]");
    expect(pageTemplate("/settings/usage")).toBe("/settings/usage");
    expect(pageTemplate(null)).toBe("/");
  });
});

describe("actionStatus", () => {
  it("is 200 for a success and the code's status for a failure", () => {
    expect(actionStatus({ ok: true, data: 1 })).toBe(200);
    expect(actionStatus({ ok: false, code: "not_found:patient", formError: "", fieldErrors: {} })).toBe(404);
  });
});

describe("resolutionFailure", () => {
  it("names why an address resolved to no organization", () => {
    const notFound = new NotFoundError("organization");
    expect(resolutionFailure(notFound, { hostClass: { kind: "tenant", slug: "x" } })).toBe("unknown_host");
    expect(resolutionFailure(notFound, { hostClass: { kind: "custom", hostname: "clinic.example" } })).toBe("unverified_domain");
    expect(resolutionFailure(notFound, { hostClass: { kind: "root" } })).toBe("unknown_organization");
    expect(resolutionFailure(new OrganizationMismatchError("a", "b"), { hostClass: { kind: "root" } })).toBe("organization_mismatch");
    expect(resolutionFailure(new ValidationError("x"), { hostClass: { kind: "root" } })).toBeNull();
  });
});
