import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import { isValidDate } from "@/lib/time/calendar";
import { singleLine } from "@/lib/validation/fields";

// Pure: reads an import file (CSV or JSON) into validated records, collecting every problem with
// its line. Nothing is written until the whole file is clean.

export type ImportProblem = { line: number; kind: string; message: string };

// Text cells are single lines: a line break or control character in a name is refused, with the
// row's line, like any other bad value.
const text = (max: number) => singleLine(max);
const optional = (max: number) =>
  singleLine(max)
    .optional()
    .transform((v) => (v ? v : undefined));
const email = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.email("not a valid e-mail address").optional());

export const providerRow = z.object({
  name: text(120).min(1, "name is required"),
  title: optional(40),
  specialty: optional(120),
  licenseNumber: optional(60),
  email,
  phone: optional(40),
});

export const patientRow = z.object({
  mrn: text(40).min(1, "mrn is required"),
  firstName: text(80).min(1, "first_name is required"),
  lastName: text(80).min(1, "last_name is required"),
  dateOfBirth: z.string().trim().refine(isValidDate, "date_of_birth must be a real date (YYYY-MM-DD)"),
  email,
  phone: optional(40),
});

export const appointmentRow = z.object({
  patientMrn: text(40).min(1, "patient_mrn is required"),
  provider: text(254).min(1, "provider (e-mail or licence number) is required"),
  appointmentType: text(80).min(1, "appointment_type is required"),
  startsAt: z
    .string()
    .trim()
    .refine(
      (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
      "starts_at must be an ISO date-time with an offset, e.g. 2026-12-01T14:00:00Z",
    )
    .transform((v) => new Date(v)),
  mode: z.enum(["in_person", "telehealth"], "mode must be in_person or telehealth").default("in_person"),
  reason: optional(500),
});

export type ProviderRow = z.infer<typeof providerRow> & { line: number };
export type PatientRow = z.infer<typeof patientRow> & { line: number };
export type AppointmentRow = z.infer<typeof appointmentRow> & { line: number };
export type ImportFile = { providers: ProviderRow[]; patients: PatientRow[]; appointments: AppointmentRow[] };

const CSV_COLUMNS: Record<string, string> = {
  license_number: "licenseNumber",
  first_name: "firstName",
  last_name: "lastName",
  date_of_birth: "dateOfBirth",
  patient_mrn: "patientMrn",
  appointment_type: "appointmentType",
  starts_at: "startsAt",
};

type RawRecord = { kind: string; line: number; values: Record<string, unknown> };

function fromCsv(content: string): RawRecord[] {
  const rows = parseCsv(content, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  return rows.map(({ record, info }) => {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === "kind" || value === "") continue;
      values[CSV_COLUMNS[key] ?? key] = value;
    }
    return { kind: (record.kind ?? "").trim().toLowerCase(), line: info.lines, values };
  });
}

function fromJson(content: string): RawRecord[] {
  const data = JSON.parse(content) as Record<string, unknown>;
  const out: RawRecord[] = [];
  for (const [key, kind] of [
    ["providers", "provider"],
    ["patients", "patient"],
    ["appointments", "appointment"],
  ] as const) {
    const list = data[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new Error(`"${key}" must be a list`);
    // In JSON files, "line" means the 1-based position in its list.
    list.forEach((values, i) => out.push({ kind, line: i + 1, values: (values ?? {}) as Record<string, unknown> }));
  }
  return out;
}

function parseErrorWhere(err: unknown): string {
  const { code, lines } = (err ?? {}) as { code?: unknown; lines?: unknown };
  const parts = [typeof code === "string" && /^[A-Z_]{1,60}$/.test(code) ? code : null, typeof lines === "number" ? `line ${lines}` : null];
  const where = parts.filter(Boolean).join(", ");
  return where ? ` (${where})` : "";
}

export function parseImport(content: string, format: "csv" | "json"): { file: ImportFile; problems: ImportProblem[] } {
  const file: ImportFile = { providers: [], patients: [], appointments: [] };
  const problems: ImportProblem[] = [];
  let records: RawRecord[];
  try {
    records = format === "csv" ? fromCsv(content) : fromJson(content);
  } catch (err) {
    return {
      file,
      // A parser's message can quote the file's content (a patient's row): its code and line only.
      problems: [{ line: 0, kind: "file", message: `could not read the file as ${format.toUpperCase()}${parseErrorWhere(err)}` }],
    };
  }
  const schemas = { provider: providerRow, patient: patientRow, appointment: appointmentRow } as const;
  for (const record of records) {
    const schema = schemas[record.kind as keyof typeof schemas];
    if (!schema) {
      problems.push({ line: record.line, kind: record.kind || "?", message: 'kind must be "provider", "patient" or "appointment"' });
      continue;
    }
    const result = schema.safeParse(record.values);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({
          line: record.line,
          kind: record.kind,
          message: issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
        });
      }
      continue;
    }
    if (record.kind === "provider") file.providers.push({ ...(result.data as z.infer<typeof providerRow>), line: record.line });
    if (record.kind === "patient") file.patients.push({ ...(result.data as z.infer<typeof patientRow>), line: record.line });
    if (record.kind === "appointment") file.appointments.push({ ...(result.data as z.infer<typeof appointmentRow>), line: record.line });
  }
  // Duplicates inside the file itself.
  const seen = (key: string, line: number, kind: string, what: string, map: Map<string, number>) => {
    const first = map.get(key);
    if (first !== undefined) problems.push({ line, kind, message: `${what} repeats line ${first}` });
    else map.set(key, line);
  };
  const mrns = new Map<string, number>();
  const patientEmails = new Map<string, number>();
  for (const p of file.patients) {
    seen(p.mrn, p.line, "patient", `mrn ${p.mrn}`, mrns);
    // The problem names the lines, not the address: `npm run import` prints problems to stderr.
    if (p.email) seen(p.email, p.line, "patient", "the e-mail address", patientEmails);
  }
  const licences = new Map<string, number>();
  const providerEmails = new Map<string, number>();
  for (const p of file.providers) {
    if (p.licenseNumber) seen(p.licenseNumber, p.line, "provider", `licence ${p.licenseNumber}`, licences);
    if (p.email) seen(p.email, p.line, "provider", "the e-mail address", providerEmails);
  }
  return { file, problems };
}
