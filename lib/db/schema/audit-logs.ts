import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenantReference } from "./tenant-keys";
import { actorType, auditAction, auditOutcome } from "./enums";
import { organizations } from "./organizations";
import { patients } from "./patients";
import { users } from "./users";

// Append-only, hash-chained per organization. seq, prev_hash and row_hash are assigned by the
// audit_logs_chain trigger (drizzle/0001); whatever the application sends for them is replaced.
export const auditLogs = pgTable(
  "audit_logs",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    seq: bigint("seq", { mode: "number" }).notNull().default(0),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorType: actorType("actor_type").notNull(),
    actorRole: text("actor_role"),
    action: auditAction("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id"),
    patientId: uuid("patient_id"),
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
  ],
);

export type AuditLog = typeof auditLogs.$inferSelect;
export type NewAuditLog = typeof auditLogs.$inferInsert;
