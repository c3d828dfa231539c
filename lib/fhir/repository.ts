import "server-only";
import { and, asc, count, eq, gte, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Column } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { appointments, patients, providers, type Appointment, type Patient, type Provider } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors/app-error";
import { isUuid } from "./ids";
import { statusesFor } from "./resources";
import { booleanToken, referencedIds, wantedIds, type Range, type Search, type StringMatch } from "./search";

// The FHIR searches that run in the database: Appointment and Patient parameters turned into SQL,
// counted for the Bundle's total and read one page at a time.

function likePattern(match: StringMatch): string {
  const escaped = match.value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return match.mode === "contains" ? `%${escaped}%` : `${escaped}%`;
}

/** A string parameter against a text column, in SQL: a word of it starts with the value (by default). */
function textMatches(column: Column, match: StringMatch): SQL {
  if (match.mode === "exact") return sql`${column} = ${match.value}`;
  const pattern = likePattern(match);
  if (match.mode === "contains") return sql`lower(${column}) like ${pattern}`;
  return sql`(lower(${column}) like ${pattern} or lower(${column}) like ${`% ${pattern}`} or lower(${column}) like ${`%-${pattern}`})`;
}

function rangeOn(column: Column, range: Range | undefined): SQL[] {
  if (!range) return [];
  return [...(range.from ? [gte(column, range.from)] : []), ...(range.to ? [lt(column, range.to)] : [])];
}

/** Only well-formed uuids can name a stored record; anything else matches nothing. */
function uuids(values: string[] | null): string[] | null {
  return values === null ? null : values.filter(isUuid);
}

const NOTHING = sql`false`;

function inIds(column: Column, values: string[] | null): SQL[] {
  if (values === null) return [];
  return values.length ? [inArray(column, values)] : [NOTHING];
}

/** birthdate: a day (YYYY-MM-DD) with an optional eq, ge, gt, le or lt prefix. */
function birthdateConditions(search: Search): SQL[] {
  return search.given
    .filter(([key]) => key === "birthdate")
    .map(([, raw]) => {
      const m = /^(eq|ge|gt|le|lt)?(\d{4}-\d{2}-\d{2})$/.exec(raw);
      if (!m) {
        throw new ValidationError(
          "birthdate: give a date (YYYY-MM-DD) with an optional ge, gt, le, lt or eq prefix.",
          { birthdate: ["Give a date."] },
          "invalid:search",
        );
      }
      const day = m[2]!;
      switch (m[1] ?? "eq") {
        case "ge":
          return sql`${patients.dateOfBirth} >= ${day}::date`;
        case "gt":
          return sql`${patients.dateOfBirth} > ${day}::date`;
        case "le":
          return sql`${patients.dateOfBirth} <= ${day}::date`;
        case "lt":
          return sql`${patients.dateOfBirth} < ${day}::date`;
        default:
          return sql`${patients.dateOfBirth} = ${day}::date`;
      }
    });
}

export function fhirRepo(tx: TenantTx, orgId: string) {
  return {
    /** Every provider, active or not, by name. */
    async providersByName(): Promise<Provider[]> {
      return tx.select().from(providers).where(eq(providers.organizationId, orgId)).orderBy(asc(providers.name), asc(providers.id));
    },

    /** Appointments matching an Appointment search: how many in all, and the requested page by start time. */
    async searchAppointments({ search }: { search: Search }): Promise<{ total: number; rows: Appointment[] }> {
      const statuses = search.tokens.get("status")?.flatMap(statusesFor);
      const actorRefs = search.references.get("actor");
      const conditions: SQL[] = [
        eq(appointments.organizationId, orgId),
        ...inIds(appointments.id, uuids(wantedIds(search))),
        ...(statuses ? [statuses.length ? inArray(appointments.status, statuses) : NOTHING] : []),
        ...inIds(appointments.patientId, uuids(referencedIds(search, "patient", "Patient"))),
        ...inIds(appointments.providerId, uuids(referencedIds(search, "practitioner", "Practitioner"))),
        ...inIds(appointments.locationId, uuids(referencedIds(search, "location", "Location"))),
        ...inIds(appointments.appointmentTypeId, uuids(search.tokens.get("service-type") ?? null)),
        ...rangeOn(appointments.startsAt, search.dates.get("date")),
        ...rangeOn(appointments.updatedAt, search.dates.get("_lastUpdated")),
      ];
      if (actorRefs) {
        const anyOf = actorRefs
          .filter((r) => isUuid(r.id))
          .map((r) =>
            r.type === "Patient"
              ? eq(appointments.patientId, r.id)
              : r.type === "Practitioner"
                ? eq(appointments.providerId, r.id)
                : r.type === "Location"
                  ? eq(appointments.locationId, r.id)
                  : r.type === null
                    ? or(eq(appointments.patientId, r.id), eq(appointments.providerId, r.id), eq(appointments.locationId, r.id))!
                    : NOTHING,
          );
        conditions.push(anyOf.length ? or(...anyOf)! : NOTHING);
      }
      const where = and(...conditions);
      const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(appointments).where(where);
      const rows = search.count
        ? await tx
            .select()
            .from(appointments)
            .where(where)
            .orderBy(asc(appointments.startsAt), asc(appointments.id))
            .limit(search.count)
            .offset(search.offset)
        : [];
      return { total, rows };
    },

    /** Patients matching a Patient search: how many in all, and the requested page by name. */
    async searchPatients({ search }: { search: Search }): Promise<{ total: number; rows: Patient[] }> {
      const name = search.strings.get("name");
      const family = search.strings.get("family");
      const given = search.strings.get("given");
      const active = booleanToken(search, "active");
      const emails = search.tokens.get("email")?.map((e) => e.toLowerCase());
      const phones = search.tokens.get("phone");
      const mrns = search.tokens.get("identifier")?.map((v) => v.split("|").at(-1)!);
      const conditions: SQL[] = [
        eq(patients.organizationId, orgId),
        ...inIds(patients.id, uuids(wantedIds(search))),
        ...(name ? [or(textMatches(patients.firstName, name), textMatches(patients.lastName, name))!] : []),
        ...(family ? [textMatches(patients.lastName, family)] : []),
        ...(given ? [textMatches(patients.firstName, given)] : []),
        ...(active === undefined ? [] : [active ? ne(patients.recordStatus, "merged") : eq(patients.recordStatus, "merged")]),
        ...(emails ? [inArray(patients.email, emails)] : []),
        ...(phones ? [inArray(patients.phone, phones)] : []),
        ...(mrns ? [inArray(patients.mrn, mrns)] : []),
        ...birthdateConditions(search),
        ...rangeOn(patients.updatedAt, search.dates.get("_lastUpdated")),
      ];
      const where = and(...conditions);
      const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(patients).where(where);
      const rows = search.count
        ? await tx
            .select()
            .from(patients)
            .where(where)
            .orderBy(asc(patients.lastName), asc(patients.firstName), asc(patients.id))
            .limit(search.count)
            .offset(search.offset)
        : [];
      return { total, rows };
    },
  };
}
