import { describe, expect, it } from "vitest";
import { patientDetailsSchema } from "@/lib/scheduling/online-booking";
import { SINGLE_LINE_MESSAGE } from "@/lib/validation/fields";
import { MESSAGES } from "./messages";
import { errorKey, FIELD_MESSAGES, fieldErrorKey } from "./patient-errors";

describe("server errors on a patient page in another language", () => {
  it("knows the server's words for the patient form's rules", () => {
    expect(FIELD_MESSAGES[SINGLE_LINE_MESSAGE]).toBe("singleLine");
    const refused = patientDetailsSchema.safeParse({ firstName: "", lastName: "", dateOfBirth: "2999-01-01", email: "nope" });
    expect(refused.success).toBe(false);
    for (const issue of refused.error?.issues ?? []) expect(fieldErrorKey(issue.message).key, issue.message).not.toBe("invalid");
  });

  it("says every known field rule the same way in English as the server does", () => {
    for (const [serverText, key] of Object.entries(FIELD_MESSAGES)) expect(MESSAGES.en.FieldErrors[key]).toBe(serverText);
  });

  it("reads lengths out of the server's words and falls back to a plain request", () => {
    expect(fieldErrorKey("Use at most 80 characters.")).toEqual({ key: "tooLong", values: { max: 80 } });
    expect(fieldErrorKey("Something new.")).toEqual({ key: "invalid" });
  });

  it("translates answers by their code", () => {
    expect(errorKey("conflict:appointment_overlap")).toBe("overlap");
    expect(errorKey("invalid:cancellation_window")).toBe("tooLate");
    expect(errorKey("conflict:offer_gone")).toBe("offerGone");
    expect(errorKey("not_found:waitlist_offer")).toBe("invalidLink");
    expect(errorKey("unknown:code", "bookFailed")).toBe("bookFailed");
    expect(errorKey(undefined)).toBe("generic");
  });
});
