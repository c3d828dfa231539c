import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenantReference } from "./tenant-keys";
import { actorType, auditAction, auditOutcome } from "./enums";
import { organizations } from "./organizations";
import { patients } from "./patients";
import { users } from "./users";

// Append-only, hash-chained per organization. A row is written unsealed (seq NULL, hashes empty:
// the insert trigger replaces whatever the application sends) and sealed into the chain afterwards
// by public.audit_seal (drizzle/0017), which alone may fill those three columns, once. A read
// writes one row listing every patient (patient_ids) and record (resource_ids) it showed.
export const auditLogs = pgTable(
  "audit_logs",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    /** Position in the organization's chain; NULL until the row is sealed. */
    seq: bigint("seq", { mode: "number" }),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorType: actorType("actor_type").notNull(),
    actorRole: text("actor_role"),
    action: auditAction("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id"),
    patientId: uuid("patient_id"),
    /** Every patient this row concerns (a list read names all it showed; patient_id is included). */
    patientIds: uuid("patient_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** The records a read showed (appointment or patient ids), in the order shown. */
    resourceIds: text("resource_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    outcome: auditOutcome("outcome").notNull().default("success"),
    requestId: text("request_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash").notNull().default(""),
    rowHash: text("row_hash").notNull().default(""),
  },
  (t) => [
    primaryKey({ name: "audit_logs_pkey", columns: [t.organizationId, t.id] }),
    unique("audit_logs_org_seq_key").on(t.organizationId, t.seq),
    tenantReference("audit_logs_patient_fk", { organizationId: t.organizationId, column: t.patientId }, patients),
    index("audit_logs_org_patient_idx").on(t.organizationId, t.patientId, t.occurredAt),
    index("audit_logs_org_occurred_idx").on(t.organizationId, t.occurredAt),
    // "Every access to patient X": one GIN lookup (the tenant policy and filter narrow it further).
    index("audit_logs_patient_ids_idx").using("gin", t.patientIds),
    // The sealer's queue: unsealed rows of one organization in the order they were written.
    index("audit_logs_org_unsealed_idx")
      .on(t.organizationId, t.occurredAt, t.id)
      .where(sql`${t.seq} is null`),
  ],
);

export type AuditLog = typeof auditLogs.$inferSelect;
export type NewAuditLog = typeof auditLogs.$inferInsert;
