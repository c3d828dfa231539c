import { verifyExportText, type ExportHeader, type ExportedAuditRow } from "./canonical";

// A patient's access report checked against the hospital's audit export of the same days, with
// nothing but the two files: the export must verify on its own (every link and hash), every event
// the report lists with a place in the chain must be that very row, and no other row of the period
// (up to the chain head the report was made at) may name the patient's records. Pure.

/** The parts of a report the check reads (the JSON the report's download holds, under `data`). */
export type ReportForCheck = {
  organization: { id: string };
  patient: { recordIds: string[] };
  period: { from: string; to: string; startsAt: string; endsAt: string };
  events: { occurredAt: string; seq: number | null; prevHash: string | null; rowHash: string | null }[];
  notShown: number;
  chain: { head: { seq: number; hash: string } | null };
};

export type ReportCheck = { ok: boolean; listed: number; confirmed: number; problems: string[] };

function readReport(text: string): ReportForCheck | null {
  try {
    const parsed = JSON.parse(text) as { data?: ReportForCheck } & Partial<ReportForCheck>;
    const report = (parsed.data ?? parsed) as ReportForCheck;
    if (
      !report?.organization?.id ||
      !Array.isArray(report.events) ||
      !Array.isArray(report.patient?.recordIds) ||
      !report.period?.startsAt
    ) {
      return null;
    }
    return report;
  } catch {
    return null;
  }
}

const names = (row: ExportedAuditRow, ids: Set<string>) =>
  (row.patientId !== null && ids.has(row.patientId)) || row.patientIds.some((id) => ids.has(id));

export function checkAccessReport(reportText: string, exportText: string): ReportCheck {
  const report = readReport(reportText);
  if (!report) return { ok: false, listed: 0, confirmed: 0, problems: ["the report is not an AgentCare access report"] };
  const listed = report.events.filter((e) => e.seq !== null).length;
  const problems: string[] = [];
  const verified = verifyExportText(exportText);
  if (!verified.ok)
    return { ok: false, listed, confirmed: 0, problems: [`the export does not verify: line ${verified.line}: ${verified.reason}`] };
  const lines = exportText.split("\n").filter((l) => l.trim() !== "");
  const header = JSON.parse(lines[0]!) as ExportHeader;
  if (header.organizationId !== report.organization.id) problems.push("the export is of another organization");
  if (header.from > report.period.from || header.to < report.period.to) {
    problems.push(`the export covers ${header.from} to ${header.to}, not all of the report's ${report.period.from} to ${report.period.to}`);
  }
  if (report.notShown > 0) problems.push(`the report lists only its newest events: ${report.notShown} more are not in it`);
  const rows = new Map(
    lines
      .slice(1)
      .map((l) => JSON.parse(l) as ExportedAuditRow)
      .map((r) => [r.seq, r]),
  );
  const ids = new Set(report.patient.recordIds);
  const start = Date.parse(report.period.startsAt);
  const end = Date.parse(report.period.endsAt);
  const headSeq = report.chain.head?.seq ?? 0;

  let confirmed = 0;
  const inReport = new Set<number>();
  for (const event of report.events) {
    if (event.seq === null) continue;
    inReport.add(event.seq);
    const row = rows.get(event.seq);
    if (!row) {
      problems.push(`event #${event.seq} of the report is not in the export`);
      continue;
    }
    if (row.rowHash !== event.rowHash || row.prevHash !== event.prevHash)
      problems.push(`event #${event.seq} has other hashes in the export`);
    else if (Date.parse(row.occurredAt) !== Date.parse(event.occurredAt))
      problems.push(`event #${event.seq} has another time in the export`);
    else if (!names(row, ids)) problems.push(`event #${event.seq} does not name the patient's record in the export`);
    else confirmed += 1;
  }
  for (const row of rows.values()) {
    const at = Date.parse(row.occurredAt);
    if (row.seq > headSeq || at < start || at >= end || !names(row, ids)) continue;
    if (!inReport.has(row.seq)) problems.push(`row #${row.seq} of the export names the patient and is missing from the report`);
  }
  return { ok: problems.length === 0, listed, confirmed, problems };
}
