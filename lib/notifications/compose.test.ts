import { describe, expect, it } from "vitest";
import { appointmentEmail, invitationEmail, mailbox, oneLine, waitlistOfferEmail } from "./compose";

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

const offer = {
  organizationName: "Metro General Hospital",
  timeZone: "America/New_York",
  patientFirstName: "Ana",
  typeName: "Follow-up",
  providerName: "Dr. Emily Chen",
  startsAt: new Date("2026-03-09T13:00:00Z"),
  claimUrl: "http://metro-general.localhost:3000/waitlist/claim/abc",
};

const invitation = {
  organizationName: "Metro General Hospital",
  role: "clinician",
  days: 7,
  acceptUrl: "http://metro-general.localhost:3000/invitations/abc",
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

// What patients and admins type ends up in these mails. Each hostile value below must stay text on
// its own line: no forged line (a fake instruction, a header), nothing cut mid-character.
const hostile = {
  script: "<script>alert(1)</script>",
  header: "Ana\r\nBcc: attacker@evil.test\r\n\r\nYour appointment was cancelled, call +1-900-555-0000",
  nul: "Ana\u0000Smith",
  emoji: "Zoë 👩🏽‍⚕️",
  long: "😀".repeat(300),
};

const lineStarts = (text: string) => text.split("\n").map((l) => l.split(" ")[0]);

describe("typed text in e-mails", () => {
  it("a line break in a patient's name or the hospital's name cannot start a line of its own", () => {
    const mail = appointmentEmail({ ...facts, patientFirstName: hostile.header, organizationName: `Metro\nBcc: x@evil.test` });
    expect(mail.text.split("\n")[0]).toBe("Hello Ana Bcc: attacker@evil.test Your appointment was cancelled, call +1-900-555-0000,");
    expect(lineStarts(mail.text)).not.toContain("Bcc:");
    expect(mail.text).not.toMatch(/\r/);
    expect(mail.subject).toBe("Your appointment is confirmed — Metro Bcc: x@evil.test");
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it("holds no patient input in the subject, whatever the mail", () => {
    for (const kind of ["confirmation", "cancellation", "reschedule", "reminder_24h", "reminder_2h"] as const) {
      expect(appointmentEmail({ ...facts, kind, patientFirstName: "Ana-Unique" }).subject).not.toContain("Ana-Unique");
    }
    expect(waitlistOfferEmail({ ...offer, patientFirstName: "Ana-Unique" }).subject).not.toContain("Ana-Unique");
  });

  it("control characters (NUL, escape, bidi override) become spaces", () => {
    const mail = appointmentEmail({ ...facts, patientFirstName: hostile.nul, providerName: "Dr.\u001b[2J Chen\u202e" });
    expect(mail.text).toContain("Hello Ana Smith,");
    expect(mail.text).toContain("with Dr. [2J Chen at");
    expect(mail.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it("markup stays literal text: the mails are plain text, with no HTML part to become markup in", () => {
    const mail = appointmentEmail({ ...facts, patientFirstName: hostile.script });
    expect(mail.text).toContain(`Hello ${hostile.script},`);
    expect(Object.keys(mail).sort()).toEqual(["ics", "subject", "text"]);
    expect(Object.keys(invitationEmail(invitation)).sort()).toEqual(["subject", "text"]);
  });

  it("keeps emoji whole, and shortens a very long value at a character boundary", () => {
    expect(appointmentEmail({ ...facts, patientFirstName: hostile.emoji }).text).toContain("Hello Zoë 👩🏽‍⚕️,");
    const long = appointmentEmail({ ...facts, patientFirstName: hostile.long }).text.split("\n")[0]!;
    expect(Array.from(long)).toHaveLength("Hello ".length + 80 + ",".length);
    expect(long).toMatch(/^Hello (😀){79}…,$/u);
    expect(oneLine(hostile.long, 10)).toBe(`${"😀".repeat(9)}…`);
  });

  it("the calendar file cannot gain a property from a name", () => {
    const { ics } = appointmentEmail({ ...facts, providerName: "Dr. Chen\r\nATTENDEE:mailto:attacker@evil.test" });
    expect(ics.split("\r\n").filter((l) => l.startsWith("ATTENDEE"))).toEqual([]);
  });

  it("waiting-list offers and invitations get the same treatment", () => {
    const offerMail = waitlistOfferEmail({
      ...offer,
      patientFirstName: hostile.header,
      typeName: "Follow-up\nClaim it here: http://evil.test",
    });
    expect(offerMail.text.split("\n").filter((l) => l.startsWith("Claim it here:"))).toEqual([`Claim it here: ${offer.claimUrl}`]);
    expect(lineStarts(offerMail.text)).not.toContain("Bcc:");
    const invite = invitationEmail({ ...invitation, organizationName: "Metro\r\nBcc: x@evil.test" });
    expect(invite.subject).toBe("You're invited to Metro Bcc: x@evil.test on AgentCare");
    expect(lineStarts(invite.text)).not.toContain("Bcc:");
  });
});

describe("mailbox", () => {
  it("quotes the display name so it cannot add an address or a header", () => {
    expect(mailbox("Metro General", "no-reply@agentcare.test")).toBe('"Metro General" <no-reply@agentcare.test>');
    expect(mailbox('Metro" <attacker@evil.test>, "x', "no-reply@agentcare.test")).toBe(
      '"Metro\\" <attacker@evil.test>, \\"x" <no-reply@agentcare.test>',
    );
    expect(mailbox("Metro\\", "no-reply@agentcare.test")).toBe('"Metro\\\\" <no-reply@agentcare.test>');
    expect(mailbox("Metro\r\nBcc: attacker@evil.test", "no-reply@agentcare.test")).toBe(
      '"Metro Bcc: attacker@evil.test" <no-reply@agentcare.test>',
    );
  });
});

describe("e-mails in the patient's language", () => {
  it("write a Spanish confirmation with a Spanish date, still in the hospital's zone", () => {
    const mail = appointmentEmail({ ...facts, language: "es" });
    expect(mail.subject).toBe("Su cita está confirmada — Metro General Hospital");
    expect(mail.text).toContain("Hola, Ana:");
    expect(mail.text).toContain(
      "Su cita de Follow-up con Dr. Emily Chen en Metro General Hospital está reservada para el lunes, 9 de marzo de 2026",
    );
    // 13:00 UTC is 9:00 in New York (daylight saving time from 8 March 2026).
    expect(mail.text).toMatch(/9:00/);
    expect(mail.text).toContain("Para cancelar o cambiar la cita: http://metro-general.localhost:3000/appointments/manage/abc");
    expect(mail.ics).toContain("SUMMARY:Follow-up con Dr. Emily Chen — Metro General Hospital");
  });

  it("write reminders, moves and waiting-list offers in Spanish too", () => {
    expect(appointmentEmail({ ...facts, kind: "reminder_24h", language: "es" }).subject).toMatch(/^Recordatorio: su cita es mañana/);
    const moved = appointmentEmail({ ...facts, kind: "reschedule", previousStartsAt: new Date("2026-03-08T14:00:00Z"), language: "es" });
    expect(moved.text).toMatch(/ha pasado del domingo, 8 de marzo de 2026, 10:00 .* al lunes, 9 de marzo de 2026, 9:00/);
    const mail = waitlistOfferEmail({ ...offer, language: "es" });
    expect(mail.subject).toBe("Ha quedado una hora libre — Metro General Hospital");
    expect(mail.text).toContain("Pídala aquí: http://metro-general.localhost:3000/waitlist/claim/abc");
  });

  it("stay English for an unknown or missing language", () => {
    expect(appointmentEmail({ ...facts, language: "xx" }).subject).toBe("Your appointment is confirmed — Metro General Hospital");
    expect(appointmentEmail({ ...facts, language: null }).text).toContain("Hello Ana,");
  });
});
