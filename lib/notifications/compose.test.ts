import { describe, expect, it } from "vitest";
import { appointmentEmail } from "./compose";

const facts = {
  kind: "confirmation" as const,
  appointmentId: "7d8f3c1e-0000-4000-8000-000000000001",
  organizationName: "Metro General Hospital",
  organizationPhone: "+1-555-0100",
  organizationAddress: "123 Medical Center Dr, New York, NY 10001",
  timeZone: "America/New_York",
  patientFirstName: "Ana",
  providerName: "Dr. Emily Chen",
  typeName: "Follow-up",
  startsAt: new Date("2026-03-09T13:00:00Z"),
  endsAt: new Date("2026-03-09T13:30:00Z"),
  mode: "in_person" as const,
  manageUrl: "http://metro-general.localhost:3000/appointments/manage/abc",
};

describe("appointment e-mails", () => {
  it("state the time in the hospital's zone, labelled, with the manage link", () => {
    const mail = appointmentEmail(facts);
    expect(mail.subject).toBe("Your appointment is confirmed — Metro General Hospital");
    expect(mail.text).toContain("Monday, March 9, 2026 at 9:00 AM EDT");
    expect(mail.text).toContain(facts.manageUrl);
  });

  it("attach an .ics event in UTC with a stable UID", () => {
    const { ics } = appointmentEmail(facts);
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("DTSTART:20260309T130000Z");
    expect(ics).toContain("DTEND:20260309T133000Z");
    expect(ics).toContain(`UID:${facts.appointmentId}@agentcare`);
    expect(ics).toContain("METHOD:REQUEST");
  });

  it("cancellations cancel the calendar event", () => {
    const mail = appointmentEmail({ ...facts, kind: "cancellation", sequence: 2 });
    expect(mail.ics).toContain("METHOD:CANCEL");
    expect(mail.ics).toContain("STATUS:CANCELLED");
    expect(mail.text).not.toContain("To cancel or reschedule");
  });

  it("video visits carry the join link instead of an address", () => {
    const mail = appointmentEmail({ ...facts, mode: "telehealth", telehealthUrl: "https://video.example/room/xyz" });
    expect(mail.text).toContain("Join at: https://video.example/room/xyz");
    expect(mail.ics).toContain("https://video.example/room/xyz");
  });

  it("reschedules say where the appointment moved from", () => {
    const mail = appointmentEmail({ ...facts, kind: "reschedule", previousStartsAt: new Date("2026-03-06T14:00:00Z") });
    expect(mail.text).toContain("from Friday, March 6, 2026 at 9:00 AM EST to Monday, March 9, 2026 at 9:00 AM EDT");
  });
});
