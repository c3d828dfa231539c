import fc from "fast-check";

// The values a hostile or careless client sends, as fast-check arbitraries, for the HTTP fuzzer
// (e2e/fuzz.spec.ts, driven by the OpenAPI document) and the server-action fuzzer
// (tests/fuzz/actions.test.ts). Pure: no server, no database.

/** A JSON token written as is, for what JSON.stringify cannot say (NaN, 1e999, -0, a lone surrogate). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** An object as its entries, so a body can repeat a key or carry an own `__proto__`. */
export class Entries {
  constructor(readonly entries: [string, unknown][]) {}
}

/** JSON text of a fuzz value (RawJson and Entries written as they are). */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof Entries) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(",")}}`;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value && typeof value === "object") return toJsonText(new Entries(Object.entries(value)));
  if (value === undefined) return "null";
  return JSON.stringify(value);
}

/** The same value as a server action receives it (RawJson becomes its nearest JS value). */
export function toJsValue(value: unknown): unknown {
  if (value instanceof RawJson) {
    try {
      return JSON.parse(value.text) as unknown;
    } catch {
      return Number(value.text);
    }
  }
  if (value instanceof Entries) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value.entries) Object.defineProperty(out, k, { value: toJsValue(v), enumerable: true, writable: true });
    return out;
  }
  if (Array.isArray(value)) return value.map(toJsValue);
  return value;
}

/** A query-string value of a fuzz value. */
export function toQueryText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof RawJson) return value.text;
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return toJsonText(value);
  return String(value);
}

export const BIG = "x".repeat(100_000);

export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\u0008\u001b[2J",
  "\r\nX-Injected: yes",
  "line\nbreak",
  "\t",
  "%",
  "_",
  "\\",
  "%_\\",
  "100%",
  "a_b",
  "' or '1'='1",
  "'; drop table patients; --",
  '"',
  "<script>alert(1)</script>",
  "\u202eevil",
  "\ud800",
  "\udfff\ud800",
  "\uffff\ufffe",
  "😀👩🏽‍⚕️",
  "null",
  "undefined",
  "true",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e308",
  "1e999",
  "-1",
  "0",
  "9007199254740993",
  "0x10",
  "1.5",
  "0000-01-01",
  "0000-00-00",
  "9999-12-31",
  "+020000-01-01",
  "+020000-01-01T00:00:00Z",
  "-000001-01-01T00:00:00Z",
  "+275760-09-13T00:00:00.001Z",
  "2026-02-30",
  "2026-13-01",
  "2026-1-1",
  "2026-03-08T02:30:00",
  "2026-03-08T02:30",
  "2026-11-01T01:30:00",
  "2026-03-29T02:30:00",
  "2026-10-25T02:30:00",
  "2026-03-09T24:00:00Z",
  "2026-03-09T14:00:00+99:00",
  "24:00",
  "23:60",
  "9:5",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "00000000-0000-0000-0000-00000000000g",
  "not-a-uuid",
  "../../etc/passwd",
  "a/b",
  "a%2Fb",
  "%00",
  "__proto__",
  "constructor",
  "toString",
  "eyJpZCI6IngifQ",
  "eyJpZCI6ImEiLCJuYW1lIjoiXHUwMDAwIn0",
  "bm90IGpzb24",
  "====",
  "x".repeat(501),
  "é".repeat(5_000),
  BIG,
];

/** Numbers and number-like JSON tokens. */
export const HOSTILE_NUMBERS: readonly unknown[] = [
  0,
  -1,
  1,
  0.5,
  -0.0001,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  5e-324,
  new RawJson("-0"),
  new RawJson("NaN"),
  new RawJson("Infinity"),
  new RawJson("-Infinity"),
  new RawJson("1e999"),
  new RawJson("-1e999"),
  new RawJson("1" + "0".repeat(400)),
];

const nestedJunk = new Entries([
  [
    "__proto__",
    new Entries([
      ["isAdmin", true],
      ["role", "owner"],
    ]),
  ],
  ["constructor", new Entries([["prototype", new Entries([["polluted", true]])]])],
]);

/** Any value of the wrong shape, for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], nestedJunk, new Entries([["", ""]])) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom<unknown>("\u0000", 1e308, null, {}), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant<unknown>(Array.from({ length: 5_000 }, (_, i) => i)) },
);

/** Keys a body can carry beyond its schema: prototype pollution and the tenant named in a payload. */
export function extraKeys(foreignOrgId: string): fc.Arbitrary<[string, unknown][]> {
  return fc.subarray<[string, unknown]>([
    ["__proto__", new Entries([["isAdmin", true]])],
    ["constructor", new Entries([["prototype", new Entries([["polluted", true]])]])],
    ["prototype", new Entries([["x", 1]])],
    ["organizationId", foreignOrgId],
    ["organization_id", foreignOrgId],
    ["\u0000", "nul key"],
    ["x".repeat(10_000), 1],
  ]);
}

export type Pools = {
  /** Ids the caller's organization owns, by resource kind (patient, provider, appointment_type, …). */
  own: Record<string, string[]>;
  /** Another organization's ids, by kind. */
  foreign: Record<string, string[]>;
  /** Cursors: one of this organization's, another's, and tampered ones. */
  cursors: string[];
  /** The organization's zone, for local times in its DST gaps and overlaps. */
  timeZone: string;
};

function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A plausible id for a field or path parameter named `name`: own, foreign, unknown or malformed. */
export function idFor(name: string, pools: Pools): fc.Arbitrary<string> {
  const kind = kindOf(name);
  const own = kind ? (pools.own[kind] ?? []) : Object.values(pools.own).flat();
  const foreign = kind ? (pools.foreign[kind] ?? []) : Object.values(pools.foreign).flat();
  const options: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom("00000000-0000-0000-0000-000000000000", "not-a-uuid", "", "a%2Fb", "1", "%00", "x".repeat(200)),
    },
  ];
  if (own.length) options.push({ weight: 5, arbitrary: fc.constantFrom(...own) });
  if (foreign.length) options.push({ weight: 2, arbitrary: fc.constantFrom(...foreign) });
  return fc.oneof(...options);
}

const KINDS: [RegExp, string][] = [
  [/^patient/i, "patient"],
  [/^provider/i, "provider"],
  [/^(appointmentType|type)/i, "appointment_type"],
  [/^appointmentTypeIds$/i, "appointment_type"],
  [/^timeOff/i, "time_off"],
  [/^membership/i, "membership"],
  [/^invitation/i, "invitation"],
  [/^key/i, "api_key"],
  [/^domain/i, "domain"],
  [/^user/i, "user"],
];

function kindOf(name: string): string | undefined {
  return KINDS.find(([re]) => re.test(name))?.[1];
}

/** Dates around today, the calendar's edges and impossible ones. */
export const dateText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -60, max: 400 }).map(dayOffset) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "0000-01-01",
      "0001-01-01",
      "9999-12-31",
      "+020000-01-01",
      "2026-02-29",
      "2028-02-29",
      "2026-02-30",
      "2026-00-10",
    ),
  },
);

/** Instants: near now, local times without a zone (DST gaps and overlaps in the org's zone), edges. */
export const instantText: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.integer({ min: -30, max: 400 }), fc.integer({ min: 0, max: 95 }))
      .map(([d, q]) => new Date(Date.parse(`${dayOffset(d)}T00:00:00Z`) + q * 15 * 60_000).toISOString()),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      "2026-03-08T02:30:00",
      "2026-11-01T01:30:00",
      "2026-03-29T02:30:00",
      "2026-10-25T02:30",
      "2027-03-14T02:15:00",
      "0000-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "+020000-01-01T00:00:00Z",
      "+275760-09-13T00:00:00Z",
      "-271821-04-20T00:00:00Z",
      8.64e15,
      -8.64e15,
      1e308,
      0,
      -0,
      new RawJson("1e999"),
      "2026-03-09T14:00:00.123456789Z",
    ),
  },
);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  maxLength?: number;
  default?: unknown;
};

const TIMES = ["00:00", "08:00", "09:30", "12:00", "17:00", "23:59", "09:00:00", "24:00", "9:00", "12:60"];

/**
 * Values for a JSON Schema (as the OpenAPI document has them): mostly well-shaped — ids from the
 * pools, dates around today — with hostile values mixed in at every level, so a request gets past
 * the first field and reaches the service and the database.
 */
export function valueFor(schema: JsonSchema | undefined, pools: Pools, name = "", depth = 0): fc.Arbitrary<unknown> {
  const hostile = hostileValue;
  if (!schema || depth > 5) return hostile;
  const shaped = shapedValue(schema, pools, name, depth);
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: hostile });
}

function shapedValue(schema: JsonSchema, pools: Pools, name: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length)
    return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: fc.constant("UNKNOWN") });
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueFor(s, pools, name, depth + 1)));
  if (schema.allOf?.length) {
    const merged: JsonSchema = { type: "object", properties: {}, required: [] };
    for (const part of schema.allOf) {
      Object.assign(merged.properties!, part.properties ?? {});
      merged.required!.push(...(part.required ?? []));
    }
    return shapedValue(merged, pools, name, depth);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return objectFor(schema, pools, depth);
    case "array": {
      const items = schema.items ? valueFor(schema.items, pools, name, depth + 1) : hostileValue;
      return fc.array(items, { maxLength: Math.min(schema.maxItems ?? 8, 8) });
    }
    case "integer":
    case "number": {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 10_000;
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) }) },
        { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, min, max, 1.5) },
        { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
        { weight: 1, arbitrary: fc.integer({ min: Math.max(min, -1e6), max: Math.min(max, 1e6) }).map(String) },
      );
    }
    case "boolean":
      return fc.oneof(fc.boolean(), fc.constantFrom<unknown>("true", "on", "false", "", 1, "yes"));
    case "string":
      return stringFor(schema, pools, name);
    default:
      return hostileValue;
  }
}

function objectFor(schema: JsonSchema, pools: Pools, depth: number): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = properties.map(([key, s]) =>
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), valueFor(s, pools, key, depth + 1)).map(([roll, v]) => {
      const keep = required.has(key) ? roll < 0.92 : roll < 0.55;
      return keep ? ([key, v] as [string, unknown]) : null;
    }),
  );
  const foreignOrg = pools.foreign.organization?.[0] ?? "00000000-0000-0000-0000-000000000001";
  return fc
    .tuple(fc.tuple(...fields), fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extraKeys(foreignOrg) }))
    .map(([kept, extra]) => new Entries([...(kept.filter(Boolean) as [string, unknown][]), ...extra]));
}

function stringFor(schema: JsonSchema, pools: Pools, name: string): fc.Arbitrary<unknown> {
  const lower = name.toLowerCase();
  if (schema.format === "uuid" || /id$/i.test(name) || lower === "provider" || lower === "patient" || lower === "type")
    return idFor(name, pools);
  if (lower === "cursor" && pools.cursors.length) return fc.oneof(fc.constantFrom(...pools.cursors), fc.constantFrom(...HOSTILE_STRINGS));
  if (schema.format === "date-time" || /^(startsat|endsat)$/.test(lower)) return instantText;
  if (schema.format === "date" || /^(date|from|to|dateofbirth)$/.test(lower)) return dateText;
  if (schema.format === "email" || lower.includes("email"))
    return fc.oneof(fc.emailAddress(), fc.constantFrom("UPPER@Example.COM", "a@b", "@", "x@y.z\u0000", `${"a".repeat(250)}@x.io`));
  if (/time$/i.test(name) || lower === "start" || lower === "end") return fc.constantFrom(...TIMES);
  if (lower === "timezone")
    return fc.constantFrom(pools.timeZone, "UTC", "Europe/London", "Mars/Olympus", "America/New_York\u0000", "+05:00", "Etc/GMT+14");
  if (lower === "q")
    return fc.constantFrom("%", "_", "\\", "%%", "a%", "%a_", "\\%", "smith", "o'brien", "Ann", "", " ", "\u0000", "x".repeat(101));
  const maxLength = Math.min(schema.maxLength ?? 200, 200);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: Math.max(1, Math.min(maxLength, 40)) }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  );
}
