// FHIR search parameters as AgentCare reads them: each resource type takes a closed list (an
// unknown parameter is refused, not silently ignored, so a client never mistakes an unfiltered
// answer for a filtered one); values follow FHIR's rules for tokens, strings, references and
// dates with prefixes. Pure.

import { Temporal } from "temporal-polyfill";
import { ValidationError } from "@/lib/errors/app-error";
import { dayBounds } from "@/lib/time/calendar";

export const FHIR_TYPES = ["Practitioner", "Location", "Schedule", "Slot", "Appointment", "Patient"] as const;
export type FhirType = (typeof FHIR_TYPES)[number];

export type ParamKind = "token" | "string" | "reference" | "date" | "number";
type ParamSpec = { kind: ParamKind; documentation: string };

const COMMON: Record<string, ParamSpec> = {
  _id: { kind: "token", documentation: "The resource's id (several, comma-separated)." },
};
const LAST_UPDATED: Record<string, ParamSpec> = {
  _lastUpdated: { kind: "date", documentation: "When the resource last changed (ge, gt, le, lt, eq prefixes)." },
};

/** The search parameters each resource type takes (also what the CapabilityStatement lists). */
export const SEARCH_PARAMS: Record<FhirType, Record<string, ParamSpec>> = {
  Practitioner: {
    ...COMMON,
    ...LAST_UPDATED,
    name: { kind: "string", documentation: "A part of the name (starts a word; :exact, :contains)." },
    active: { kind: "token", documentation: "true or false." },
    identifier: { kind: "token", documentation: "The licence number." },
  },
  Location: {
    ...COMMON,
    ...LAST_UPDATED,
    name: { kind: "string", documentation: "A part of the name." },
    address: { kind: "string", documentation: "A part of the address." },
    status: { kind: "token", documentation: "active or inactive." },
  },
  Schedule: {
    ...COMMON,
    actor: { kind: "reference", documentation: "Practitioner/{id} or Location/{id}." },
    active: { kind: "token", documentation: "true or false." },
    "service-type": { kind: "token", documentation: "An appointment type's id." },
  },
  Slot: {
    ...COMMON,
    schedule: { kind: "reference", documentation: "Schedule/{id}." },
    "service-type": { kind: "token", documentation: "An appointment type's id." },
    start: { kind: "date", documentation: "When the slot starts (ge, gt, le, lt, eq; at most 60 days; default the next 7)." },
    status: { kind: "token", documentation: "free (the only status AgentCare publishes) or busy." },
  },
  Appointment: {
    ...COMMON,
    ...LAST_UPDATED,
    date: { kind: "date", documentation: "When the appointment starts (ge, gt, le, lt, eq)." },
    status: { kind: "token", documentation: "booked, arrived, fulfilled, cancelled, noshow." },
    patient: { kind: "reference", documentation: "Patient/{id}." },
    practitioner: { kind: "reference", documentation: "Practitioner/{id}." },
    location: { kind: "reference", documentation: "Location/{id}." },
    actor: { kind: "reference", documentation: "Patient/, Practitioner/ or Location/{id}." },
    "service-type": { kind: "token", documentation: "An appointment type's id." },
  },
  Patient: {
    ...COMMON,
    ...LAST_UPDATED,
    identifier: { kind: "token", documentation: "The medical record number (MRN)." },
    name: { kind: "string", documentation: "A part of the first or last name." },
    family: { kind: "string", documentation: "A part of the last name." },
    given: { kind: "string", documentation: "A part of the first name." },
    birthdate: { kind: "date", documentation: "The date of birth (YYYY-MM-DD)." },
    email: { kind: "token", documentation: "The e-mail address." },
    phone: { kind: "token", documentation: "The phone number." },
    active: { kind: "token", documentation: "true or false." },
  },
};

/** Result parameters every search takes. */
export const MAX_COUNT = 200;
export const DEFAULT_COUNT = 50;
export const MAX_OFFSET = 10_000;
const RESULT_PARAMS = new Set(["_count", "_offset", "_format", "_pretty"]);
const FORMATS = new Set(["json", "application/json", "application/fhir+json"]);

export type StringMatch = { value: string; mode: "starts" | "exact" | "contains" };
/** Instants a date parameter allows: from (inclusive) and to (exclusive). */
export type Range = { from?: Date; to?: Date };

export type Search = {
  type: FhirType;
  count: number;
  offset: number;
  /** The parameters as given (for the Bundle's self link), in a stable order. */
  given: [string, string][];
  tokens: Map<string, string[]>;
  strings: Map<string, StringMatch>;
  references: Map<string, { type: string | null; id: string }[]>;
  dates: Map<string, Range>;
};

function refuse(message: string, field: string): never {
  throw new ValidationError(message, { [field]: [message] }, "invalid:search");
}

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < min || Number(raw) > max)
    refuse(`${name} must be a whole number from ${min} to ${max}.`, name);
  return Number(raw);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A FHIR date parameter value: a prefix (eq when none) and a day (in the organization's zone) or an instant. */
export function dateRange(name: string, raw: string, timeZone: string): Range {
  const match = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(.*)$/.exec(raw)!;
  const prefix = match[1] ?? "eq";
  const value = match[2]!;
  let start: Date;
  let end: Date;
  if (DATE.test(value)) {
    try {
      Temporal.PlainDate.from(value, { overflow: "reject" });
    } catch {
      refuse(`${name}: ${value} is not a date.`, name);
    }
    const bounds = dayBounds(value, timeZone);
    [start, end] = [bounds.from, bounds.to];
  } else if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
    start = new Date(value);
    end = new Date(start.getTime() + 1);
  } else {
    refuse(
      `${name}: give a date (YYYY-MM-DD) or a time with its offset (2026-01-31T09:00:00Z), with an optional ge, gt, le, lt or eq prefix.`,
      name,
    );
  }
  switch (prefix) {
    case "eq":
      return { from: start, to: end };
    case "ge":
      return { from: start };
    case "gt":
      return { from: end };
    case "le":
      return { to: end };
    case "lt":
      return { to: start };
    default:
      return refuse(`${name}: the ${prefix} prefix is not supported; use ge, gt, le, lt or eq.`, name);
  }
}

function intersect(a: Range | undefined, b: Range): Range {
  const later = (x?: Date, y?: Date) => (!x ? y : !y ? x : x > y ? x : y);
  const earlier = (x?: Date, y?: Date) => (!x ? y : !y ? x : x < y ? x : y);
  return { from: later(a?.from, b.from), to: earlier(a?.to, b.to) };
}

function reference(name: string, raw: string): { type: string | null; id: string } {
  const match = /^(?:([A-Z][A-Za-z]+)\/)?([A-Za-z0-9\-.]{1,64})$/.exec(raw);
  if (!match) refuse(`${name}: give a reference such as Practitioner/{id}.`, name);
  return { type: match[1] ?? null, id: match[2]! };
}

/** The search in a URL's query, for one resource type: refused (400) when it names what the type does not take. */
export function parseSearch(type: FhirType, params: URLSearchParams, timeZone: string): Search {
  const specs = SEARCH_PARAMS[type];
  const search: Search = {
    type,
    count: DEFAULT_COUNT,
    offset: 0,
    given: [],
    tokens: new Map(),
    strings: new Map(),
    references: new Map(),
    dates: new Map(),
  };
  for (const [key, raw] of params) {
    const value = raw.trim();
    if (key === "_count") search.count = integer("_count", value, 0, MAX_COUNT);
    else if (key === "_offset") search.offset = integer("_offset", value, 0, MAX_OFFSET);
    else if (key === "_format") {
      if (!FORMATS.has(value)) refuse("_format: AgentCare answers FHIR in JSON only.", "_format");
    }
    if (RESULT_PARAMS.has(key)) continue;
    const [name, modifier] = key.split(":", 2) as [string, string | undefined];
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) refuse(`${type} cannot be searched by ${key.slice(0, 60)}.`, key.slice(0, 60));
    if (!value) refuse(`${name}: give a value.`, name);
    if (value.length > 200) refuse(`${name}: the value is too long.`, name);
    if (modifier && !(spec.kind === "string" && (modifier === "exact" || modifier === "contains"))) {
      refuse(`${name}: the :${modifier.slice(0, 20)} modifier is not supported.`, name);
    }
    search.given.push([key, value]);
    switch (spec.kind) {
      case "token":
        search.tokens.set(name, [...(search.tokens.get(name) ?? []), ...value.split(",").map((v) => v.trim())].filter(Boolean));
        break;
      case "string":
        search.strings.set(
          name,
          modifier === "exact"
            ? { value, mode: "exact" }
            : { value: value.toLowerCase(), mode: modifier === "contains" ? "contains" : "starts" },
        );
        break;
      case "reference":
        search.references.set(name, [...(search.references.get(name) ?? []), ...value.split(",").map((v) => reference(name, v.trim()))]);
        break;
      case "date":
        search.dates.set(name, intersect(search.dates.get(name), dateRange(name, value, timeZone)));
        break;
      default:
        break;
    }
  }
  search.given.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  return search;
}

/** Whether text matches a string parameter: by default a word of it starts with the value. */
export function matchesString(text: string | null | undefined, match: StringMatch): boolean {
  if (!text) return false;
  const lower = text.toLowerCase();
  if (match.mode === "exact") return text === match.value;
  if (match.mode === "contains") return lower.includes(match.value);
  return lower.split(/[\s,.\-/]+/).some((word) => word.startsWith(match.value)) || lower.startsWith(match.value);
}

/** true/false token values, or undefined when the parameter is absent. */
export function booleanToken(search: Search, name: string): boolean | undefined {
  const values = search.tokens.get(name);
  if (!values) return undefined;
  const set = new Set(values);
  if ([...set].some((v) => v !== "true" && v !== "false")) refuse(`${name}: true or false.`, name);
  return set.size === 1 ? set.has("true") : undefined;
}

/** Ids a reference parameter names of one type (a bare id counts for any); null when absent. */
export function referencedIds(search: Search, name: string, type: string): string[] | null {
  const refs = search.references.get(name);
  if (!refs) return null;
  return refs.filter((r) => r.type === null || r.type === type).map((r) => r.id);
}

/** The ids `_id` asks for; null when absent. */
export function wantedIds(search: Search): string[] | null {
  return search.tokens.get("_id") ?? null;
}
