import "server-only";
import { and, asc, eq, gt, gte, inArray, is, lt, ne, notInArray, sql, type Placeholder, type SQL } from "drizzle-orm";
import { PgTimestamp, type PgColumn, type PgSelect } from "drizzle-orm/pg-core";
import type { TenantTx, Tx } from "@/lib/db/tenant";
import type { ListAnswer } from "@/lib/audit/repository";
import {
  appointments,
  appointmentTypes,
  patients,
  providers,
  resources,
  type Appointment,
  type AppointmentStatus,
  type Canceller,
  type NewAppointment,
} from "@/lib/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { bindValue, placeholders, reusableFinalRead, reusableRead, type Bind, type Wrapping } from "@/lib/db/reusable";
import { uuidList } from "@/lib/db/uuid-list";
import { canTransition, FREED_STATUSES, isChangeable } from "./status";

/** The longest an appointment may last (enforced by the check constraint appointments_max_length). */
const MAX_SPAN_MS = 24 * 3_600_000;

export type AppointmentInput = Omit<
  NewAppointment,
  "organizationId" | "id" | "createdAt" | "updatedAt" | "cancelledAt" | "cancelReason" | "status"
> & { status?: AppointmentStatus };

export type AppointmentFilters = {
  from?: Date;
  to?: Date;
  providerId?: string;
  patientId?: string;
  /** Visits at this location. */
  locationId?: string;
  /** Visits holding this room or piece of equipment. */
  resourceId?: string;
  status?: AppointmentStatus[];
  after?: { startsAt: Date; id: string };
  limit?: number;
};

// Hot reads end in `.prepare(name).execute()`: postgres.js then keeps a named prepared statement
// per connection (keyed by the SQL text, the name is only a label), so a repeat is one
// Bind/Execute instead of Parse/Describe, a wait, then Bind/Execute. Only statements whose text
// does not vary with the arguments (no variable-length IN lists) are prepared.
/** PostgreSQL's exact epoch seconds ("1764651600", "1764651600.123456", "-5.5") → whole ms, floored. */
export function epochMs(seconds: string): number {
  const dot = seconds.indexOf(".");
  if (dot < 0) return Number(seconds) * 1000;
  if (seconds.charCodeAt(0) !== 45 /* - */) {
    // Whole seconds, then the first three decimals: floors to the millisecond, as a Date does.
    return Number(seconds.slice(0, dot)) * 1000 + Number(seconds.slice(dot + 1, dot + 4).padEnd(3, "0"));
  }
  const micros = Number(seconds.slice(0, dot) + seconds.slice(dot + 1, dot + 7).padEnd(6, "0"));
  return Math.floor(micros / 1000);
}

/** A detailed row's columns (appointment with patient, provider, type and room names), in the order the API shows them. */
const DETAILED_COLUMNS = {
  id: appointments.id,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  mode: appointments.mode,
  reason: appointments.reason,
  notes: appointments.notes,
  bookedVia: appointments.bookedVia,
  telehealthRoom: appointments.telehealthRoom,
  cancelReason: appointments.cancelReason,
  seriesId: appointments.seriesId,
  rescheduleRequestedAt: appointments.rescheduleRequestedAt,
  patientId: appointments.patientId,
  patientName: sql<string>`${patients.firstName} || ' ' || ${patients.lastName}`,
  patientMrn: patients.mrn,
  patientDateOfBirth: patients.dateOfBirth,
  providerId: appointments.providerId,
  providerName: providers.name,
  appointmentTypeId: appointments.appointmentTypeId,
  appointmentTypeName: appointmentTypes.name,
  locationId: appointments.locationId,
  resourceId: appointments.resourceId,
  resourceName: resources.name,
};

/** An instant as JavaScript's `toISOString` writes it (UTC, milliseconds truncated as a Date holds them). */
function isoInstant(column: PgColumn | SQL): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The same columns as one record for row_to_json: instants written as a Date serializes, names as
 * the keys. Uuids, enums, text and `date` strings have the same JSON form either way.
 */
const DETAILED_JSON_FIELDS = sql.join(
  Object.entries(DETAILED_COLUMNS).map(
    ([key, column]) => sql`${is(column, PgTimestamp) ? isoInstant(column) : column} as ${sql.identifier(key)}`,
  ),
  sql`, `,
);

export type DetailedJsonRow = { id: string; patientId: string; startsAt: string; json: string; n: string };

/**
 * A page of the day list as its document's parts: the rows' JSON texts joined by commas (empty for
 * none), as the UTF-8 bytes PostgreSQL sent them.
 */
export type DetailedJsonPage = { json: Uint8Array; listed: number; last: { startsAt: string; id: string } | null };

/**
 * What a wrapped listDetailedJson answers instead of its rows (the wrapping passes the page size's
 * parameter): the first page's JSON texts joined in order, the count of rows the list read (one more
 * than the page means a next page) and the page's last row's start and id.
 */
export const DETAILED_JSON_PAGE: ListAnswer = {
  key: "json-page",
  // The joined texts stay the bytes the server sent: they go to the client as they are.
  format: "raw",
  select: (page: string) =>
    [
      `select string_agg("json", ',' order by "n") filter (where "n" <= ${page}) as "json", count(*) as "listed",`,
      ` (array_agg("starts_at" order by "n" desc) filter (where "n" <= ${page}))[1] as "last_starts_at",`,
      ` (array_agg("id" order by "n" desc) filter (where "n" <= ${page}))[1] as "last_id" from "listed"`,
    ].join("\n"),
};

/** How a detailed row joins its patient, provider, type and (when it holds one) room: the same organization's rows. */
const DETAIL_JOINS = {
  patient: and(eq(patients.organizationId, appointments.organizationId), eq(patients.id, appointments.patientId)),
  provider: and(eq(providers.organizationId, appointments.organizationId), eq(providers.id, appointments.providerId)),
  type: and(eq(appointmentTypes.organizationId, appointments.organizationId), eq(appointmentTypes.id, appointments.appointmentTypeId)),
  resource: and(eq(resources.organizationId, appointments.organizationId), eq(resources.id, appointments.resourceId)),
};
/** A detailed list's order: by start, then id (the keyset cursor's order). */
const DETAIL_ORDER = [asc(appointments.startsAt), asc(appointments.id)];

type DetailClauses = () => { where: SQL | undefined; limit: number | Placeholder };

/**
 * A detailed list from a select of its columns: appointments with their patient, provider, type
 * and (when they hold one) room, filtered, in the keyset cursor's order, limited.
 */
function detailedList<T extends PgSelect>(select: T, clauses: DetailClauses) {
  const { where, limit } = clauses();
  return select
    .innerJoin(patients, DETAIL_JOINS.patient)
    .innerJoin(providers, DETAIL_JOINS.provider)
    .innerJoin(appointmentTypes, DETAIL_JOINS.type)
    .leftJoin(resources, DETAIL_JOINS.resource)
    .where(where)
    .orderBy(...DETAIL_ORDER)
    .limit(limit);
}

/**
 * The day list's select, each row already as its JSON text, with its id, patient, start (an ISO
 * string) and position in the list's order (`n`, from 1: what an audit row of the rows shown
 * names them by, see listReadWrapping).
 */
function detailedJsonSelect(db: Tx, clauses: DetailClauses) {
  const select = db
    .select({
      id: appointments.id,
      patientId: appointments.patientId,
      startsAt: isoInstant(appointments.startsAt).as("starts_at"),
      json: sql<string>`(select row_to_json(d)::text from (select ${DETAILED_JSON_FIELDS}) d)`.as("json"),
      n: sql<string>`row_number() over (order by ${appointments.startsAt}, ${appointments.id})`.as("n"),
    })
    .from(appointments)
    .$dynamic();
  return detailedList(select, clauses);
}

export function appointmentsRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(appointments.organizationId, orgId);

  /**
   * The list filters as one condition, keyset cursor included, always inside this organization;
   * each value taken through `bind` (as itself, or as a placeholder for a statement built once).
   * With `build: false` only the values are bound (their names, in order, are a reusable read's
   * shape) and no SQL is made; the clause itself is then built once per shape.
   */
  function filtersWhere(filters: AppointmentFilters, bind: Bind = bindValue, { build = true }: { build?: boolean } = {}): SQL | undefined {
    const where: SQL[] = [];
    // One condition on one bound value: the value is always bound, the condition made only to build.
    const term = <T>(name: string, value: T, make: (bound: T | Placeholder) => SQL) => {
      const bound = bind(name, value);
      if (build) where.push(make(bound));
    };
    term("orgId", orgId, (v) => eq(appointments.organizationId, v));
    if (filters.from) term("from", filters.from, (v) => gte(appointments.startsAt, v));
    if (filters.to) term("to", filters.to, (v) => lt(appointments.startsAt, v));
    if (filters.providerId) term("providerId", filters.providerId, (v) => eq(appointments.providerId, v));
    if (filters.patientId) term("patientId", filters.patientId, (v) => eq(appointments.patientId, v));
    if (filters.locationId) term("locationId", filters.locationId, (v) => eq(appointments.locationId, v));
    if (filters.resourceId) term("resourceId", filters.resourceId, (v) => eq(appointments.resourceId, v));
    if (filters.status?.length) {
      const statuses = filters.status.map((status, i) => bind(`status${i}`, status));
      if (build) where.push(inArray(appointments.status, statuses));
    }
    if (filters.after) {
      const startsAt = bind("afterStartsAt", filters.after.startsAt.toISOString());
      const id = bind("afterId", filters.after.id);
      if (build) where.push(sql`(${appointments.startsAt}, ${appointments.id}) > (${startsAt}::timestamptz, ${id}::uuid)`);
    }
    return build ? and(...where) : undefined;
  }

  /**
   * A reusable read's filter values and shape (no SQL made), and the builder of its WHERE and LIMIT
   * for the one time its statement is built.
   */
  function reusableFilters(filters: AppointmentFilters) {
    const bound = placeholders();
    filtersWhere(filters, bound.bind, { build: false });
    bound.bind("limit", filters.limit ?? 500);
    const clauses = () => {
      const built = placeholders();
      const where = filtersWhere(filters, built.bind);
      return { where, limit: built.bind("limit", filters.limit ?? 500) };
    };
    return { shape: bound.shape(), values: bound.values, clauses };
  }

  async function setStatus(id: string, to: AppointmentStatus, extra: Partial<NewAppointment> = {}) {
    const current = await repo.get({ id, forUpdate: true });
    if (!canTransition(current.status, to)) {
      throw new ValidationError(
        `An appointment that is ${current.status.replace("_", " ")} cannot become ${to.replace("_", " ")}.`,
        undefined,
        "invalid:status_transition",
      );
    }
    const [row] = await tx
      .update(appointments)
      .set({ ...extra, status: to, updatedAt: new Date() })
      .where(and(inOrg, eq(appointments.id, id)))
      .returning();
    return row!;
  }

  const repo = {
    async create({ input }: { input: AppointmentInput }): Promise<Appointment> {
      const [row] = await tx
        .insert(appointments)
        .values({ ...input, organizationId: orgId })
        .returning();
      return row!;
    },

    async find({ id, forUpdate = false }: { id: string; forUpdate?: boolean }): Promise<Appointment | undefined> {
      const query = tx
        .select()
        .from(appointments)
        .where(and(inOrg, eq(appointments.id, id)));
      const [row] = forUpdate ? await query.for("update") : await query;
      return row;
    },

    async get({ id, forUpdate = false }: { id: string; forUpdate?: boolean }): Promise<Appointment> {
      const row = await repo.find({ id, forUpdate });
      if (!row) throw new NotFoundError("appointment");
      return row;
    },

    /** Everything overlapping [from, to) — a provider's day or week. */
    async listForProvider({ providerId, from, to }: { providerId: string; from: Date; to: Date }): Promise<Appointment[]> {
      return tx
        .select()
        .from(appointments)
        .where(
          and(
            inOrg,
            eq(appointments.providerId, providerId),
            lt(appointments.startsAt, to),
            gt(appointments.endsAt, from),
            // An appointment lasts at most a day (check appointments_max_length): bound the index
            // scan from below instead of walking the provider's whole history.
            gt(appointments.startsAt, new Date(from.getTime() - MAX_SPAN_MS)),
          ),
        )
        .orderBy(asc(appointments.startsAt))
        .prepare("appointments_list_for_provider")
        .execute();
    },

    /** Live bookings that block a provider's time in [from, to), for the slot engine. */
    async listBusy({ providerIds, from, to }: { providerIds: string[]; from: Date; to: Date }) {
      if (providerIds.length === 0) return [];
      return tx
        .select({
          id: appointments.id,
          providerId: appointments.providerId,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
          bufferBeforeMinutes: appointments.bufferBeforeMinutes,
          bufferAfterMinutes: appointments.bufferAfterMinutes,
        })
        .from(appointments)
        .where(
          and(
            inOrg,
            inArray(appointments.providerId, providerIds),
            notInArray(appointments.status, [...FREED_STATUSES]),
            // Buffers reach at most 4 hours beyond an appointment.
            lt(appointments.startsAt, new Date(to.getTime() + 4 * 3_600_000)),
            gt(appointments.endsAt, new Date(from.getTime() - 4 * 3_600_000)),
            gt(appointments.startsAt, new Date(from.getTime() - 4 * 3_600_000 - MAX_SPAN_MS)),
          ),
        )
        .orderBy(asc(appointments.startsAt));
    },

    /**
     * The slot engine's view of the same bookings as listBusy: each one's blocked interval with its
     * buffers applied, in epoch milliseconds, optionally without the appointment being moved.
     * A month of a busy provider is thousands of rows, and receiving rows one by one costs far more
     * than reading them: the server packs each provider's bookings into one string ("start end
     * before after …": epoch seconds as exact decimals, buffer minutes; in no particular order, the
     * engine sorts and merges them) and this decodes it to whole milliseconds, as a Date would
     * hold them. One statement text for any number of providers (prepared).
     */
    async busyBlocks({
      providerIds,
      from,
      to,
      exceptId,
    }: {
      providerIds: string[];
      from: Date;
      to: Date;
      exceptId?: string;
    }): Promise<{ providerId: string; start: number; end: number }[]> {
      if (providerIds.length === 0) return [];
      const reach = 4 * 3_600_000;
      const rows = await tx
        .select({
          providerId: appointments.providerId,
          spans: sql<string>`string_agg(
            extract(epoch from ${appointments.startsAt})::text || ' ' || extract(epoch from ${appointments.endsAt})::text || ' ' ||
            ${appointments.bufferBeforeMinutes} || ' ' || ${appointments.bufferAfterMinutes},
            ' ')`,
        })
        .from(appointments)
        .where(
          and(
            inOrg,
            sql`${appointments.providerId} = any(${uuidList(providerIds)})`,
            notInArray(appointments.status, [...FREED_STATUSES]),
            lt(appointments.startsAt, new Date(to.getTime() + reach)),
            gt(appointments.endsAt, new Date(from.getTime() - reach)),
            gt(appointments.startsAt, new Date(from.getTime() - reach - MAX_SPAN_MS)),
            sql`${appointments.id} is distinct from ${exceptId ?? null}::uuid`,
          ),
        )
        .groupBy(appointments.providerId)
        .prepare("appointments_busy_blocks")
        .execute();
      const out: { providerId: string; start: number; end: number }[] = [];
      for (const { providerId, spans } of rows) {
        const n = spans.split(" ");
        for (let i = 0; i + 3 < n.length; i += 4) {
          out.push({
            providerId,
            start: epochMs(n[i]!) - Number(n[i + 2]) * 60_000,
            end: epochMs(n[i + 1]!) + Number(n[i + 3]) * 60_000,
          });
        }
      }
      return out;
    },

    /** Live bookings holding these resources near [from, to), as blocked intervals with buffers (epoch ms). */
    async resourceBlocks({
      resourceIds,
      from,
      to,
      exceptId,
    }: {
      resourceIds: string[];
      from: Date;
      to: Date;
      exceptId?: string;
    }): Promise<{ resourceId: string; start: number; end: number }[]> {
      if (resourceIds.length === 0) return [];
      const reach = 4 * 3_600_000;
      const rows = await tx
        .select({
          resourceId: sql<string>`${appointments.resourceId}`,
          start: sql<number>`floor(extract(epoch from ${appointments.startsAt}) * 1000)::float8 - ${appointments.bufferBeforeMinutes} * 60000`,
          end: sql<number>`floor(extract(epoch from ${appointments.endsAt}) * 1000)::float8 + ${appointments.bufferAfterMinutes} * 60000`,
        })
        .from(appointments)
        .where(
          and(
            inOrg,
            sql`${appointments.resourceId} = any(${uuidList(resourceIds)})`,
            notInArray(appointments.status, [...FREED_STATUSES]),
            lt(appointments.startsAt, new Date(to.getTime() + reach)),
            gt(appointments.endsAt, new Date(from.getTime() - reach)),
            gt(appointments.startsAt, new Date(from.getTime() - reach - MAX_SPAN_MS)),
            sql`${appointments.id} is distinct from ${exceptId ?? null}::uuid`,
          ),
        );
      return rows.map((r) => ({ resourceId: r.resourceId, start: Number(r.start), end: Number(r.end) }));
    },

    async upcomingForPatient({ patientId, now = new Date(), limit = 20 }: { patientId: string; now?: Date; limit?: number }) {
      return tx
        .select()
        .from(appointments)
        .where(
          and(
            inOrg,
            eq(appointments.patientId, patientId),
            gte(appointments.startsAt, now),
            notInArray(appointments.status, [...FREED_STATUSES]),
          ),
        )
        .orderBy(asc(appointments.startsAt))
        .limit(limit)
        .prepare("appointments_upcoming_for_patient")
        .execute();
    },

    async pastForPatient({ patientId, now = new Date(), limit = 50 }: { patientId: string; now?: Date; limit?: number }) {
      return tx
        .select()
        .from(appointments)
        .where(and(inOrg, eq(appointments.patientId, patientId), lt(appointments.startsAt, now)))
        .orderBy(sql`${appointments.startsAt} desc`)
        .limit(limit);
    },

    /** Filtered list, keyset-paginated on (starts_at, id). */
    async list(filters: AppointmentFilters = {}): Promise<Appointment[]> {
      const where = filtersWhere(filters);
      return tx
        .select()
        .from(appointments)
        .where(where)
        .orderBy(asc(appointments.startsAt), asc(appointments.id))
        .limit(filters.limit ?? 100);
    },

    async transition({ id, to }: { id: string; to: Exclude<AppointmentStatus, "cancelled"> }): Promise<Appointment> {
      return setStatus(id, to);
    },

    async cancel({ id, reason, by }: { id: string; reason?: string | null; by: Canceller }): Promise<Appointment> {
      return setStatus(id, "cancelled", { cancelledAt: new Date(), cancelReason: reason ?? null, cancelledBy: by });
    },

    /**
     * Moves a live appointment in place: the exclusion constraint checks the new time against
     * everyone else's bookings (this row's old time no longer counts), all in the caller's
     * transaction.
     */
    async reschedule({
      id,
      startsAt,
      endsAt,
      providerId,
      locationId,
      resourceId,
    }: {
      id: string;
      startsAt: Date;
      endsAt: Date;
      providerId?: string;
      /** Where the visit now takes place and the resource it now holds (the move's check decides both); absent: unchanged. */
      locationId?: string | null;
      resourceId?: string | null;
    }): Promise<Appointment> {
      const current = await repo.get({ id, forUpdate: true });
      if (!isChangeable(current.status)) {
        throw new ValidationError(
          `An appointment that is ${current.status.replace("_", " ")} cannot be rescheduled.`,
          undefined,
          "invalid:status_transition",
        );
      }
      const [row] = await tx
        .update(appointments)
        // A patient's request to move the visit (a text reply) is answered by the move.
        .set({
          startsAt,
          endsAt,
          providerId: providerId ?? current.providerId,
          locationId,
          resourceId,
          rescheduleRequestedAt: null,
          updatedAt: new Date(),
        })
        .where(and(inOrg, eq(appointments.id, id), ne(appointments.status, "cancelled")))
        .returning();
      return row!;
    },

    /** Appointments with patient, provider, type and room names (schedules, lists), keyset-paginated. */
    async listDetailed(filters: AppointmentFilters = {}) {
      // Built once per shape (which filters are set, how many statuses): the day list runs it on
      // every request, and building this select costs more than running it.
      const { shape, values, clauses } = reusableFilters(filters);
      return reusableRead(
        tx,
        "appointments_list_detailed",
        shape,
        (db) => detailedList(db.select(DETAILED_COLUMNS).from(appointments).$dynamic(), clauses),
        values,
      );
    },

    /**
     * The rows of listDetailed, each already as its JSON text (made by PostgreSQL, the same
     * document JSON.stringify makes of a listDetailed row), with what the caller needs beside it:
     * the id and patient (the audit trail) and the start as an ISO string (the next page's cursor).
     * For API answers that only pass the rows on: no per-column parsing, no Date objects, no
     * serializing in the server.
     */
    async listDetailedJson(filters: AppointmentFilters = {}): Promise<DetailedJsonRow[]> {
      const { shape, values, clauses } = reusableFilters(filters);
      return reusableRead(tx, "appointments_list_detailed_json", shape, (db) => detailedJsonSelect(db, clauses), values);
    },

    /**
     * One page of listDetailedJson as the transaction's last statement, wrapped (with the audit row
     * of what it shows, see DETAILED_JSON_PAGE) and sent with COMMIT: the page's JSON texts joined
     * by the database, how many rows the list read, and the page's last row. Null when it cannot be
     * sent that way: use listDetailedJson.
     */
    listDetailedJsonPageLast(filters: AppointmentFilters, wrapping: Wrapping): Promise<DetailedJsonPage> | null {
      const { shape, values, clauses } = reusableFilters(filters);
      return reusableFinalRead(
        tx,
        "appointments_list_detailed_json",
        shape,
        (db) => detailedJsonSelect(db, clauses),
        values,
        wrapping,
        (rows): DetailedJsonPage => {
          const [json, listed, lastStartsAt, lastId] = (rows[0] ?? []) as (Buffer | null)[];
          return {
            json: json ?? Buffer.alloc(0),
            listed: Number(listed?.toString("latin1") ?? 0),
            last: lastStartsAt && lastId ? { startsAt: lastStartsAt.toString("latin1"), id: lastId.toString("latin1") } : null,
          };
        },
      );
    },

    /**
     * Appointments in the given statuses overlapping [from, to) — of one provider (what a time off
     * covers) or one patient (their other visits at that time) — with names, oldest first.
     */
    async listOverlapping({
      providerId,
      patientId,
      from,
      to,
      statuses,
      excludeId,
    }: {
      providerId?: string;
      patientId?: string;
      from: Date;
      to: Date;
      statuses: readonly AppointmentStatus[];
      excludeId?: string;
    }) {
      const where: (SQL | undefined)[] = [
        inOrg,
        inArray(appointments.status, [...statuses]),
        lt(appointments.startsAt, to),
        gt(appointments.endsAt, from),
        gt(appointments.startsAt, new Date(from.getTime() - MAX_SPAN_MS)),
      ];
      if (providerId) where.push(eq(appointments.providerId, providerId));
      if (patientId) where.push(eq(appointments.patientId, patientId));
      if (excludeId) where.push(ne(appointments.id, excludeId));
      return tx
        .select({
          id: appointments.id,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
          status: appointments.status,
          patientId: appointments.patientId,
          patientName: sql<string>`${patients.firstName} || ' ' || ${patients.lastName}`,
          providerId: appointments.providerId,
          providerName: providers.name,
          appointmentTypeName: appointmentTypes.name,
        })
        .from(appointments)
        .innerJoin(patients, and(eq(patients.organizationId, appointments.organizationId), eq(patients.id, appointments.patientId)))
        .innerJoin(providers, and(eq(providers.organizationId, appointments.organizationId), eq(providers.id, appointments.providerId)))
        .innerJoin(
          appointmentTypes,
          and(eq(appointmentTypes.organizationId, appointments.organizationId), eq(appointmentTypes.id, appointments.appointmentTypeId)),
        )
        .where(and(...where))
        .orderBy(asc(appointments.startsAt), asc(appointments.id))
        .limit(200);
    },

    /**
     * Puts a status back as it was before the change `expected` describes, only while nothing else
     * has touched the appointment since (same status, same last update). Undefined otherwise.
     */
    async restoreStatus({
      id,
      expected,
      restore,
    }: {
      id: string;
      expected: { status: AppointmentStatus; updatedAt: Date };
      restore: AppointmentStatus;
    }): Promise<Appointment | undefined> {
      const current = await repo.get({ id, forUpdate: true });
      if (current.status !== expected.status || current.updatedAt.getTime() !== expected.updatedAt.getTime()) return undefined;
      const [row] = await tx
        .update(appointments)
        .set({ status: restore, updatedAt: new Date() })
        .where(and(inOrg, eq(appointments.id, id), eq(appointments.status, expected.status)))
        .returning();
      return row;
    },

    /** A series' visits in start order (from a start on, when given). */
    async listInSeries({ seriesId, from }: { seriesId: string; from?: Date }): Promise<Appointment[]> {
      return tx
        .select()
        .from(appointments)
        .where(and(inOrg, eq(appointments.seriesId, seriesId), from ? gte(appointments.startsAt, from) : undefined))
        .orderBy(asc(appointments.startsAt), asc(appointments.id));
    },

    /** Appointments starting in [from, to); `single` leaves out the visits of series. */
    async countInRange({ from, to, single = false }: { from: Date; to: Date; single?: boolean }): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(appointments)
        .where(
          and(
            inOrg,
            gte(appointments.startsAt, from),
            lt(appointments.startsAt, to),
            single ? sql`${appointments.seriesId} is null` : undefined,
          ),
        );
      return row?.n ?? 0;
    },
  };
  return repo;
}
