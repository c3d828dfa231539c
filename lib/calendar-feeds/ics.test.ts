import { describe, expect, it } from "vitest";
import { feedCalendar, type FeedAppointment } from "./ics";

const visit = (over: Partial<FeedAppointment> = {}): FeedAppointment => ({
  id: "11111111-1111-4111-8111-111111111111",
  startsAt: new Date("2026-12-04T15:00:00Z"),
  endsAt: new Date("2026-12-04T15:30:00Z"),
  status: "confirmed",
  mode: "in_person",
  typeName: "Follow-up",
  patientName: null,
  updatedAt: new Date("2026-12-01T09:00:00Z"),
  openUrl: "https://metro.example.test/schedule?date=2026-12-04&appointment=11111111-1111-4111-8111-111111111111",
  ...over,
});

const facts = { providerName: "Dr. Sarah Chen", organizationName: "Metro General", organizationAddress: "1 Main St, Springfield" };
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

describe("feedCalendar", () => {
  it("writes each visit in UTC with its type, status, place and a link back; asks calendars to refresh every 15 minutes", () => {
    const text = unfold(feedCalendar({ ...facts, appointments: [visit()], timeOff: [] }));
    expect(text).toContain("X-WR-CALNAME:Dr. Sarah Chen — Metro General");
    expect(text).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n");
    expect(text).toContain("X-PUBLISHED-TTL:PT15M\r\n");
    expect(text).not.toContain("PT1H");
    expect(text).toContain("UID:11111111-1111-4111-8111-111111111111@agentcare");
    expect(text).toContain("DTSTART:20261204T150000Z");
    expect(text).toContain("DTEND:20261204T153000Z");
    expect(text).toContain("SUMMARY:Follow-up\r\n");
    expect(text).toContain("DESCRIPTION:Follow-up · Confirmed\\nOpen in AgentCare: https://metro.example.test/schedule?date=2026-12-04");
    expect(text).toContain("LOCATION:1 Main St\\, Springfield");
  });

  it("names the patient only when given a name, marks video visits, and keeps typed text on its own line", () => {
    const text = unfold(
      feedCalendar({
        ...facts,
        appointments: [visit({ patientName: "Ana\r\nSUMMARY:forged; x", mode: "telehealth" })],
        timeOff: [],
      }),
    );
    expect(text).toContain("SUMMARY:Ana SUMMARY:forged\\; x — Follow-up (video)\r\n");
    expect(text.match(/^SUMMARY:/gm)).toHaveLength(1);
    expect(text).toContain("LOCATION:Video visit");
  });

  it("shows time off as an out-of-office block without its reason, and an empty feed is still a calendar", () => {
    const text = unfold(
      feedCalendar({
        ...facts,
        appointments: [],
        timeOff: [{ id: "t1", startsAt: new Date("2026-12-07T00:00:00Z"), endsAt: new Date("2026-12-08T00:00:00Z") }],
      }),
    );
    expect(text).toContain("UID:time-off-t1@agentcare\r\nSUMMARY:Time off");
    expect(text).toContain("X-MICROSOFT-CDO-BUSYSTATUS:OOF");
    const empty = feedCalendar({ ...facts, appointments: [], timeOff: [] });
    expect(empty).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    expect(empty).not.toContain("BEGIN:VEVENT");
  });
});
