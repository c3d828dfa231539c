import { describe, expect, it } from "vitest";
import { compactUtc, googleCalendarUrl, outlookCalendarUrl } from "./calendar-links";

const event = {
  title: "Follow-up with Dr. Lee — Sunset Clinic",
  details: "At Sunset Clinic",
  location: "1 Ocean Ave, Santa Monica, CA 90401",
  startsAt: "2026-03-09T17:00:00.000Z",
  endsAt: "2026-03-09T17:30:00.000Z",
  timeZone: "America/Los_Angeles",
};

describe("add-to-calendar links", () => {
  it("writes UTC instants in the compact form", () => {
    expect(compactUtc("2026-03-09T17:00:00.000Z")).toBe("20260309T170000Z");
    expect(compactUtc(new Date(Date.UTC(2026, 10, 1, 9, 5)))).toBe("20261101T090500Z");
  });

  it("gives Google the instants and the hospital's zone", () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.origin).toBe("https://calendar.google.com");
    expect(url.searchParams.get("dates")).toBe("20260309T170000Z/20260309T173000Z");
    expect(url.searchParams.get("ctz")).toBe("America/Los_Angeles");
    expect(url.searchParams.get("text")).toBe(event.title);
    expect(url.searchParams.get("location")).toBe(event.location);
  });

  it("gives Outlook the instants in UTC", () => {
    const url = new URL(outlookCalendarUrl(event));
    expect(url.hostname).toBe("outlook.live.com");
    expect(url.searchParams.get("startdt")).toBe("2026-03-09T17:00:00Z");
    expect(url.searchParams.get("enddt")).toBe("2026-03-09T17:30:00Z");
    expect(url.searchParams.get("subject")).toBe(event.title);
  });
});
