import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { AuditEntry } from "@/lib/audit/repository";
import { appointments, patients, waitlistEntries, webhookDeliveries, webhookEndpoints } from "@/lib/db/schema";
import { isUuid, type TenantTx } from "@/lib/db/tenant";
import type { WebhookEventType, WebhookPayloadDetail } from "./events";

// Changes become webhook deliveries in the transaction that makes them: the audit trail already
// names every change of an appointment, a patient or a waiting-list entry, so its events (written
// when a request's work succeeds) are turned into events for the endpoints subscribed to them. If
// the change rolls back, so do its deliveries. Each endpoint's payload carries only the detail its
// organization chose for it.

type Change = { type: WebhookEventType; resourceId: string; previousStartsAt?: string };

/** The webhook event an audit event is, if any. */
export function eventOf(entry: Pick<AuditEntry, "action" | "resourceType" | "resourceId" | "outcome" | "metadata">): Change | null {
  if ((entry.outcome ?? "success") !== "success" || !entry.resourceId) return null;
  const id = entry.resourceId;
  const metadata = entry.metadata ?? {};
  switch (entry.resourceType) {
    case "appointment":
      if (entry.action === "create") return { type: "appointment.booked", resourceId: id };
      if (entry.action !== "update") return null;
      if (metadata.status === "cancelled") return { type: "appointment.cancelled", resourceId: id };
      if (typeof metadata.rescheduledFrom === "string") {
        return { type: "appointment.rescheduled", resourceId: id, previousStartsAt: metadata.rescheduledFrom };
      }
      if (typeof metadata.status === "string") return { type: "appointment.status_changed", resourceId: id };
      return null;
    case "patient":
      if (entry.action === "create") return { type: "patient.created", resourceId: id };
      if (entry.action === "update") return { type: "patient.updated", resourceId: id };
      return null;
    case "waitlist_entry":
      if (entry.action === "create") return { type: "waitlist.joined", resourceId: id };
      if (entry.action === "delete") return { type: "waitlist.removed", resourceId: id };
      return null;
    case "waitlist_offer":
      return entry.action === "create" ? { type: "waitlist.offered", resourceId: id } : null;
    default:
      return null;
  }
}

type Loaded = {
  appointments: Map<string, typeof appointments.$inferSelect>;
  patients: Map<string, typeof patients.$inferSelect>;
  entries: Map<string, typeof waitlistEntries.$inferSelect>;
};

async function load(tx: TenantTx, orgId: string, changes: Change[]): Promise<Loaded> {
  const ids = (prefix: string) => [...new Set(changes.filter((c) => c.type.startsWith(prefix)).map((c) => c.resourceId))].filter(isUuid);
  const appointmentIds = ids("appointment.");
  const entryIds = ids("waitlist.");
  const appointmentRows = appointmentIds.length
    ? await tx
        .select()
        .from(appointments)
        .where(and(eq(appointments.organizationId, orgId), inArray(appointments.id, appointmentIds)))
    : [];
  const entryRows = entryIds.length
    ? await tx
        .select()
        .from(waitlistEntries)
        .where(and(eq(waitlistEntries.organizationId, orgId), inArray(waitlistEntries.id, entryIds)))
    : [];
  const patientIds = [...new Set([...ids("patient."), ...appointmentRows.map((a) => a.patientId), ...entryRows.map((e) => e.patientId)])];
  const patientRows = patientIds.length
    ? await tx
        .select()
        .from(patients)
        .where(and(eq(patients.organizationId, orgId), inArray(patients.id, patientIds)))
    : [];
  return {
    appointments: new Map(appointmentRows.map((r) => [r.id, r])),
    patients: new Map(patientRows.map((r) => [r.id, r])),
    entries: new Map(entryRows.map((r) => [r.id, r])),
  };
}

function patientPart(loaded: Loaded, id: string, detail: WebhookPayloadDetail) {
  const p = loaded.patients.get(id);
  if (detail !== "patient" || !p) return {};
  return {
    patient: { id: p.id, firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth, email: p.email, phone: p.phone },
  };
}

/** The `data` of one event at one level of detail; null when what it names is gone. */
export function payloadData(change: Change, loaded: Loaded, detail: WebhookPayloadDetail): Record<string, unknown> | null {
  if (change.type.startsWith("appointment.")) {
    const a = loaded.appointments.get(change.resourceId);
    if (!a) return null;
    const ids = { id: a.id, patientId: a.patientId, providerId: a.providerId };
    if (detail === "ids") return ids;
    return {
      ...ids,
      appointmentTypeId: a.appointmentTypeId,
      locationId: a.locationId,
      status: a.status,
      mode: a.mode,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      ...(change.previousStartsAt ? { previousStartsAt: change.previousStartsAt } : {}),
      ...patientPart(loaded, a.patientId, detail),
    };
  }
  if (change.type.startsWith("patient.")) {
    const p = loaded.patients.get(change.resourceId);
    if (!p) return null;
    if (detail === "ids") return { id: p.id };
    return { id: p.id, recordStatus: p.recordStatus, ...patientPart(loaded, p.id, detail) };
  }
  const e = loaded.entries.get(change.resourceId);
  if (!e) return null;
  const ids = { id: e.id, patientId: e.patientId };
  if (detail === "ids") return ids;
  return {
    ...ids,
    appointmentTypeId: e.appointmentTypeId,
    providerId: e.providerId,
    earliestDate: e.earliestDate,
    latestDate: e.latestDate,
    status: e.status,
    ...patientPart(loaded, e.patientId, detail),
  };
}

/** Queues a delivery per subscribed, enabled endpoint for every change among `entries`. */
export async function queueWebhookEvents(tx: TenantTx, orgId: string, entries: AuditEntry[], now = new Date()): Promise<number> {
  const changes = entries.map(eventOf).filter((c): c is Change => c !== null);
  if (!changes.length) return 0;
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes, payloadDetail: webhookEndpoints.payloadDetail })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.enabled, true)));
  const wanted = endpoints.filter((e) => changes.some((c) => e.eventTypes.includes(c.type)));
  if (!wanted.length) return 0;
  const loaded = await load(tx, orgId, changes);
  const rows = [];
  for (const change of changes) {
    for (const endpoint of wanted) {
      if (!endpoint.eventTypes.includes(change.type)) continue;
      const data = payloadData(change, loaded, endpoint.payloadDetail as WebhookPayloadDetail);
      if (!data) continue;
      rows.push({
        organizationId: orgId,
        endpointId: endpoint.id,
        eventType: change.type,
        payload: { type: change.type, timestamp: now.toISOString(), data: { organizationId: orgId, ...data } },
      });
    }
  }
  if (rows.length) await tx.insert(webhookDeliveries).values(rows);
  return rows.length;
}
