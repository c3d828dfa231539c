"use server";

import { exportAuditRange, getAuditEvent, searchAuditEvents, verifyChainNow } from "@/lib/audit/console";
import { auditEventIdSchema, auditExportSchema, auditSearchSchema, auditVerifySchema } from "@/lib/audit/schemas";
import { tenantAction } from "@/lib/pipeline/tenant-action";

/** The audit log, newest first, filtered (the look is itself recorded). */
export const auditEventsAction = tenantAction(
  { name: "audit.events", schema: auditSearchSchema, permission: "audit:read" },
  async (input, ctx) => searchAuditEvents(ctx, input, ctx.organization.timeZone),
);

/** One event with its place in the chain (recorded, naming the patients it shows). */
export const auditEventAction = tenantAction(
  { name: "audit.event", schema: auditEventIdSchema, permission: "audit:read" },
  async ({ id }, ctx) => getAuditEvent(ctx, id),
);

/** Walks the chain now; the result is recorded in it. */
export const verifyAuditChainAction = tenantAction(
  { name: "audit.verify", schema: auditVerifySchema, permission: "audit:read", limitPerMinute: 6 },
  async (_input, ctx) => verifyChainNow(ctx),
);

/** The chain's events of a range of days with their hashes, as a file for an auditor (the export is recorded). */
export const auditExportAction = tenantAction(
  { name: "audit.export", schema: auditExportSchema, permission: "audit:read", limitPerMinute: 10 },
  async (input, ctx) => exportAuditRange(ctx, input, ctx.organization.timeZone, ctx.organization.slug),
);
