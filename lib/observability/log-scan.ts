// The check behind "logs hold ids and codes": scans captured log lines for known personal values
// (a patient's name, date of birth, e-mail or phone, a user's e-mail, a known password or cookie)
// and for anything shaped like a credential, whoever wrote the line. The integration suite and
// the e2e suite run it over everything the server logged. Pure.

export type Needle = { kind: string; value: string };
export type Finding = { line: number; kind: string; excerpt: string };
export type ScanReport = { lines: number; findings: Finding[] };

type Rule = { kind: string; pattern: RegExp };

const NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}_])";
const NOT_WORD_AFTER = "(?![\\p{L}\\p{N}_])";

/** Shapes of credentials, whatever their value. */
const CREDENTIAL_SHAPES: Rule[] = [
  { kind: "bearer credential", pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/i },
  { kind: "API key", pattern: /\bac_[0-9a-f]{32}_[A-Za-z0-9_-]{16,}/ },
  // A JWT, or one of our signed link tokens: base64url JSON ("{" encodes as "eyJ"), a dot, more.
  { kind: "signed token", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { kind: "session cookie", pattern: /(?:agentcare\.session|next-auth\.[a-z.-]*token)[^=\s"]*=[^;\s"]{8,}/i },
  // A record id (a UUID, as in /settings/invitations/{id}) is not a link credential.
  {
    kind: "token in a link",
    pattern:
      /\/(?:manage|claim|invitations)\/(?!\[token\]|accept\b|cancel\b|reschedule\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_.-]))[A-Za-z0-9_.-]{16,}/i,
  },
  {
    kind: "secret field with a value",
    pattern:
      /"(?:password|passwordHash|token|tokenHash|holdToken|secret|secretHash|authorization|cookie|apiKey)"\s*:\s*(?!"\[redacted\]")(?!null\b)["\d[{tf]/i,
  },
  { kind: "database query or parameters", pattern: /Failed query:|\bparams: |"(?:query|parameters)"\s*:\s*(?!"\[redacted\]")["[{]/ },
];

/**
 * Words a JSON or JavaScript log line writes by itself for absent or special values. A name that is
 * exactly one of them (a fuzzed "null" is a valid first name) cannot be told apart from the line's
 * own `"userId":null`, so it is not looked for; a real person's "Null" or "True" still is.
 */
const LOG_LITERALS = new Set(["null", "true", "false", "undefined", "NaN", "Infinity"]);

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** A needle for a person's name (first, last or full): looked for as whole words, in a line's values. */
const isName = (kind: string) => /name/i.test(kind);

/** How one known value is looked for: whole words for names, any spacing for phone digits. */
export function needlePattern(needle: Needle): RegExp | null {
  const value = needle.value.trim();
  if (value.length < 3) return null;
  if (/phone/i.test(needle.kind)) {
    // A "phone" that reads as a calendar date (a fuzzed patient can be stored with one) cannot be
    // told from the dates logs carry legitimately (a path's day, a query's range): not a needle.
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
    const digits = value.replace(/\D/g, "");
    if (digits.length < 7) return null;
    return new RegExp(`(?<!\\d)${digits.split("").join("[\\s.()+-]*")}(?!\\d)`);
  }
  if (/e-?mail/i.test(needle.kind)) return new RegExp(escapeRegExp(value), "i");
  if (/birth|date/i.test(needle.kind)) return new RegExp(`(?<!\\d)${escapeRegExp(value)}(?!\\d)`);
  if (isName(needle.kind)) {
    if (LOG_LITERALS.has(value)) return null;
    return new RegExp(`${NOT_WORD_BEFORE}${value.split(/\s+/).map(escapeRegExp).join("\\s+")}${NOT_WORD_AFTER}`, "u");
  }
  return new RegExp(escapeRegExp(value));
}

/** The needles for one person: each name, the full name, e-mail, phone and date of birth. */
export function personNeedles(p: {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  dateOfBirth?: string | null;
}): Needle[] {
  const needles: Needle[] = [];
  if (p.firstName) needles.push({ kind: "first name", value: p.firstName });
  if (p.lastName) needles.push({ kind: "last name", value: p.lastName });
  if (p.firstName && p.lastName) needles.push({ kind: "full name", value: `${p.firstName} ${p.lastName}` });
  if (p.email) needles.push({ kind: "e-mail", value: p.email });
  if (p.phone) needles.push({ kind: "phone", value: p.phone });
  if (p.dateOfBirth) needles.push({ kind: "date of birth", value: p.dateOfBirth });
  return needles;
}

/**
 * A JSON log line's values, without its keys or the field names of a refused input: the text a
 * person's name is looked for in. Keys and field names are the code's own words, so a name that is
 * exactly one of them (a fuzzed first name "name" or "path") would otherwise match every line that
 * names that field; values — messages, paths, errors — are still all scanned. A line that is not a
 * JSON object is scanned whole.
 */
function valuesOf(line: string): string {
  if (!line.startsWith("{")) return line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return line;
  }
  const values: string[] = [];
  const walk = (value: unknown, key: string | null): void => {
    if (Array.isArray(value)) {
      if (key === "fields" && value.every((v) => typeof v === "string")) return;
      for (const item of value) walk(item, null);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    } else if (value !== null && value !== undefined) {
      values.push(String(value));
    }
  };
  walk(parsed, null);
  return values.join("\u0000");
}

/** The line with every finding in it replaced by its kind: a report must not repeat what it found. */
function masked(line: string, rules: readonly Rule[]): string {
  let text = line;
  for (const rule of rules) text = text.replace(new RegExp(rule.pattern.source, `${rule.pattern.flags}g`), `[${rule.kind}]`);
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

/** Every line that holds a known value or a credential's shape, with the line's number (1-based). */
export function scanLogLines(lines: readonly string[], needles: readonly Needle[] = []): ScanReport {
  const rules: Rule[] = [];
  const seen = new Set<string>();
  for (const needle of needles) {
    const pattern = needlePattern(needle);
    const key = `${needle.kind}\u0000${needle.value}`;
    if (pattern && !seen.has(key)) {
      seen.add(key);
      rules.push({ kind: needle.kind, pattern });
    }
  }
  const findings: Finding[] = [];
  lines.forEach((line, i) => {
    // A person's data is looked for outside record ids: an id made only of digits (a test's
    // all-zero id, say) would otherwise read as a phone number stored with the same digits.
    const withoutIds = line.replace(UUID, "<id>");
    let values: string | undefined;
    const matched = [
      ...CREDENTIAL_SHAPES.filter((rule) => rule.pattern.test(line)),
      ...rules.filter((rule) => rule.pattern.test(isName(rule.kind) ? (values ??= valuesOf(line).replace(UUID, "<id>")) : withoutIds)),
    ];
    if (!matched.length) return;
    const excerpt = masked(line, matched);
    for (const rule of matched) findings.push({ line: i + 1, kind: rule.kind, excerpt });
  });
  return { lines: lines.length, findings };
}

/** A short report for a test's failure message or a teardown's output. */
export function describeScan(source: string, report: ScanReport): string {
  const head = `${source}: ${report.lines} log lines scanned, ${report.findings.length} findings`;
  if (!report.findings.length) return head;
  const shown = report.findings.slice(0, 20).map((f) => `  line ${f.line}: ${f.kind}: ${f.excerpt}`);
  const more = report.findings.length > shown.length ? [`  … and ${report.findings.length - shown.length} more`] : [];
  return [head, ...shown, ...more].join("\n");
}
