import { stringify } from "csv-stringify/sync";
import type { ReportTable } from "./schemas";
import type { AppointmentCounts } from "./repository";

// Pure: a report's table as CSV (RFC 4180, a header row, CRLF). Names typed into AgentCare
// (providers, types) could start like a spreadsheet formula: such cells get a leading apostrophe
// so a spreadsheet shows them as text instead of running them.

type Rates = { noShowRate: number | null; cancellationRate: number | null; onlineShare: number | null; utilisation?: number | null };
type Row = AppointmentCounts & Rates & { availableMinutes?: number };

export type CsvReport = {
  days: (Row & { date: string })[];
  providers: (Row & { name: string })[];
  types: (Row & { name: string })[];
};

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const percent = (x: number | null | undefined) => (x === null || x === undefined ? "" : (x * 100).toFixed(1));
const hours = (x: number | null) => (x === null ? "" : x.toFixed(1));

const COUNT_COLUMNS = [
  "appointments",
  "completed",
  "checked_in",
  "no_shows",
  "no_show_rate_percent",
  "cancelled",
  "cancelled_by_patient",
  "cancelled_by_staff",
  "late_cancellations_under_24h",
  "median_cancellation_lead_hours",
  "online",
  "online_share_percent",
  "booked_minutes",
];

function counts(r: Row): (string | number)[] {
  return [
    r.appointments,
    r.completed,
    r.checkedIn,
    r.noShows,
    percent(r.noShowRate),
    r.cancelled,
    r.cancelledByPatient,
    r.cancelledByStaff,
    r.lateCancellations,
    hours(r.medianCancellationLeadHours),
    r.online,
    percent(r.onlineShare),
    r.bookedMinutes,
  ];
}

export function reportCsv(report: CsvReport, table: ReportTable): string {
  let rows: (string | number)[][];
  switch (table) {
    case "days":
      rows = [
        ["date", ...COUNT_COLUMNS, "available_minutes", "utilisation_percent"],
        ...report.days.map((d) => [d.date, ...counts(d), d.availableMinutes ?? "", percent(d.utilisation)]),
      ];
      break;
    case "providers":
      rows = [
        ["provider", ...COUNT_COLUMNS, "available_minutes", "utilisation_percent"],
        ...report.providers.map((p) => [safeCell(p.name), ...counts(p), p.availableMinutes ?? "", percent(p.utilisation)]),
      ];
      break;
    case "types":
      rows = [["appointment_type", ...COUNT_COLUMNS], ...report.types.map((t) => [safeCell(t.name), ...counts(t)])];
      break;
  }
  return stringify(rows, { record_delimiter: "windows" });
}
