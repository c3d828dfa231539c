import { describe, expect, it } from "vitest";
import { auditActorFor, checkPermission, MissingPermissionError } from "./authorize";

describe("checkPermission", () => {
  const user = { type: "user" as const, userId: "u1" };

  it("gives the role's permissions", () => {
    const access = checkPermission(user, "clinician", "patients:read");
    expect(access.role).toBe("clinician");
    expect(access.permissions).toContain("appointments:write");
    expect(access.permissions).not.toContain("settings:manage");
  });

  it("refuses a permission the role lacks, carrying who was refused for the audit", () => {
    try {
      checkPermission(user, "staff", "settings:manage");
      throw new Error("should have refused");
    } catch (err) {
      expect(err).toBeInstanceOf(MissingPermissionError);
      expect(err).toMatchObject({ status: 403, code: "forbidden:permission", permission: "settings:manage" });
      expect((err as MissingPermissionError).auditActor).toEqual({ type: "user", userId: "u1", role: "staff" });
    }
  });

  it("lets any member through when no permission is named", () => {
    expect(checkPermission(user, "staff", null).role).toBe("staff");
  });
});

describe("auditActorFor", () => {
  it("names API keys and operators in the audit trail", () => {
    expect(auditActorFor({ type: "api_key", keyId: "k1", role: "staff" }, "staff")).toEqual({
      type: "api_key",
      userId: null,
      role: "staff (API key k1)",
    });
    expect(auditActorFor({ type: "operator", userId: null }, "owner")).toEqual({ type: "system", role: "platform operator" });
    expect(auditActorFor({ type: "operator", userId: "u9" }, "owner")).toEqual({ type: "user", userId: "u9", role: "platform operator" });
  });
});
