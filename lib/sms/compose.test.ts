import { describe, expect, it } from "vitest";
import { confirmedText, helpText, reminderText, stoppedText } from "./compose";

const visit = {
  organizationName: "Metro General",
  timeZone: "America/New_York",
  startsAt: new Date("2026-03-09T13:00:00Z"),
  providerName: "Dr. Chen",
  typeName: "Follow-up",
};

describe("text messages in the patient's language", () => {
  it("remind in English by default, with the time in the hospital's zone", () => {
    expect(reminderText(visit)).toBe(
      "Metro General: reminder of your Follow-up with Dr. Chen on Mon, Mar 9, 9:00 AM. Reply C to confirm or R to reschedule. Reply STOP to opt out.",
    );
  });

  it("remind in Spanish with a Spanish date for a patient who booked in Spanish", () => {
    const text = reminderText({ ...visit, language: "es" });
    expect(text).toMatch(/^Metro General: le recordamos su cita de Follow-up con Dr\. Chen el lun, 9 mar, 9:00\./);
    expect(text).toContain("Responda C para confirmar o R para cambiarla.");
  });

  it("answer replies in the patient's language", () => {
    expect(confirmedText({ ...visit, language: "es" })).toMatch(/^Metro General: gracias, su cita del .* está confirmada\.$/);
    expect(stoppedText("Metro General", "es")).toContain("Responda START");
    expect(helpText("Metro General")).toContain("reply C to confirm");
  });
});
