import { describe, expect, it } from "vitest";
import { reportCsv, safeCell, type CsvReport } from "./csv";

const counts = {
  appointments: 10,
  completed: 6,
  checkedIn: 0,
  noShows: 2,
  cancelled: 2,
  cancelledByPatient: 1,
  cancelledByStaff: 1,
  lateCancellations: 1,
  medianCancellationLeadHours: 30.25,
  online: 4,
  bookedMinutes: 240,
  noShowRate: 0.25,
  cancellationRate: 0.2,
  onlineShare: 0.4,
};

const report: CsvReport = {
  days: [{ date: "2026-12-01", ...counts, utilisation: 0.5, availableMinutes: 480 }],
  providers: [
    { name: "Dr. Chen, Emily", ...counts, utilisation: 0.5, availableMinutes: 480 },
    { name: '=HYPERLINK("http://evil")', ...counts, utilisation: null, availableMinutes: 0 },
  ],
  types: [{ name: "Follow-up", ...counts, noShowRate: null }],
};

describe("reportCsv", () => {
  it("writes a header and one row per provider, quoting commas and using CRLF", () => {
    const lines = reportCsv(report, "providers").split("\r\n");
    expect(lines[0]).toBe(
      "provider,appointments,completed,checked_in,no_shows,no_show_rate_percent,cancelled,cancelled_by_patient,cancelled_by_staff,late_cancellations_under_24h,median_cancellation_lead_hours,online,online_share_percent,booked_minutes,available_minutes,utilisation_percent",
    );
    expect(lines[1]).toBe('"Dr. Chen, Emily",10,6,0,2,25.0,2,1,1,1,30.3,4,40.0,240,480,50.0');
    expect(lines[3]).toBe("");
  });

  it("keeps a name that starts like a formula from running as one", () => {
    expect(reportCsv(report, "providers").split("\r\n")[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)",/);
    for (const start of ["=", "+", "-", "@", "\t"]) expect(safeCell(`${start}x`)).toBe(`'${start}x`);
    expect(safeCell("Dr. Ana")).toBe("Dr. Ana");
  });

  it("writes days and types with empty cells where a rate has nothing to divide by", () => {
    expect(reportCsv(report, "days").split("\r\n")[1]).toBe("2026-12-01,10,6,0,2,25.0,2,1,1,1,30.3,4,40.0,240,480,50.0");
    expect(reportCsv(report, "types").split("\r\n")[1]).toBe("Follow-up,10,6,0,2,,2,1,1,1,30.3,4,40.0,240");
  });
});
