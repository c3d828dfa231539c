import "server-only";
import { eq, sql } from "drizzle-orm";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { planLimit } from "@/lib/billing/plans";
import { usageMonth } from "@/lib/billing/limits";
import { organizations, organizationUsage } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { withAuditedTenant } from "@/lib/audit/audited-tenant";
import type { ImportFile, ImportProblem } from "./parse";

export class ImportRejected extends AppError {
  constructor(readonly problems: ImportProblem[]) {
    super("invalid:import", `${problems.length} problem${problems.length === 1 ? "" : "s"} found; nothing was imported.`);
  }
}

export type ImportSummary = { providers: number; patients: number; appointments: number };

const MINUTE = 60_000;

/**
 * Checks everything against the file and the hospital's existing data, then imports all of it in
 * one transaction — or nothing, with every problem and its line.
 */
export async function importFile(orgId: string, file: ImportFile, { now = new Date(), requestId = "import" } = {}): Promise<ImportSummary> {
  const request = { requestId, ip: null, userAgent: "npm run import" };
  return withAuditedTenant({ orgId, actor: { type: "system", role: "import" }, request }, async (tx, ctx) => {
    const problems: ImportProblem[] = [];
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, orgId));
    const existingProviders = await providersRepo(tx, orgId).list({ limit: 100_000 });
    const existingPatients = await patientsRepo(tx, orgId).search({ limit: 1_000_000 });
    const types = await appointmentTypesRepo(tx, orgId).list({ activeOnly: true });

    // Providers and patients must be new to this hospital.
    for (const p of file.providers) {
      if (p.licenseNumber && existingProviders.some((e) => e.licenseNumber === p.licenseNumber)) {
        problems.push({
          line: p.line,
          kind: "provider",
          message: `a provider with licence ${p.licenseNumber} already exists at this hospital`,
        });
      }
      if (p.email && existingProviders.some((e) => e.email === p.email)) {
        problems.push({ line: p.line, kind: "provider", message: `a provider with e-mail ${p.email} already exists at this hospital` });
      }
    }
    for (const p of file.patients) {
      if (existingPatients.some((e) => e.mrn === p.mrn))
        problems.push({ line: p.line, kind: "patient", message: `a patient with mrn ${p.mrn} already exists at this hospital` });
      if (p.email && existingPatients.some((e) => e.email === p.email)) {
        problems.push({ line: p.line, kind: "patient", message: `a patient with e-mail ${p.email} already exists at this hospital` });
      }
    }
    const activeProviders = existingProviders.filter((p) => p.active).length;
    if (org && activeProviders + file.providers.length > planLimit(org.plan, "providers")) {
      problems.push({
        line: 0,
        kind: "provider",
        message: `the plan allows ${planLimit(org.plan, "providers")} providers; the hospital has ${activeProviders} and the file adds ${file.providers.length}`,
      });
    }

    // Appointments: references, the future, and no overlaps (in the file or with existing bookings).
    const providerKey = (p: { email?: string | null; licenseNumber?: string | null }) =>
      [p.email?.toLowerCase(), p.licenseNumber].filter(Boolean) as string[];
    const fileProviderKeys = new Map(file.providers.flatMap((p) => providerKey(p).map((k) => [k, p] as const)));
    const existingProviderByKey = new Map(existingProviders.flatMap((p) => providerKey(p).map((k) => [k, p] as const)));
    const patientMrns = new Set([...file.patients.map((p) => p.mrn), ...existingPatients.map((p) => p.mrn)]);
    const blocks = new Map<string, { start: number; end: number; line: number | null }[]>();
    const resolved: {
      row: (typeof file.appointments)[number];
      providerRef: string;
      typeId: string;
      duration: number;
      before: number;
      after: number;
    }[] = [];
    for (const a of file.appointments) {
      const key = a.provider.includes("@") ? a.provider.toLowerCase() : a.provider;
      const known = fileProviderKeys.has(key) || existingProviderByKey.has(key);
      const type = types.find((t) => t.name.toLowerCase() === a.appointmentType.toLowerCase());
      const before = problems.length;
      const fail = (message: string) => problems.push({ line: a.line, kind: "appointment", message });
      if (!known) fail(`no provider with e-mail or licence "${a.provider}" here or in the file`);
      if (!patientMrns.has(a.patientMrn)) fail(`no patient with mrn ${a.patientMrn} here or in the file`);
      if (!type) fail(`no active appointment type named "${a.appointmentType}"`);
      if (a.startsAt.getTime() <= now.getTime()) fail("only future appointments can be imported");
      if (problems.length === before && type)
        resolved.push({
          row: a,
          providerRef: key,
          typeId: type.id,
          duration: type.durationMinutes,
          before: type.bufferBeforeMinutes,
          after: type.bufferAfterMinutes,
        });
    }
    for (const r of resolved) {
      const existing = existingProviderByKey.get(r.providerRef);
      if (existing && !blocks.has(r.providerRef)) {
        const busy = await appointmentsRepo(tx, orgId).listBusy({
          providerIds: [existing.id],
          from: now,
          to: new Date(now.getTime() + 3 * 366 * 86_400_000),
        });
        blocks.set(
          r.providerRef,
          busy.map((b) => ({
            start: b.startsAt.getTime() - b.bufferBeforeMinutes * MINUTE,
            end: b.endsAt.getTime() + b.bufferAfterMinutes * MINUTE,
            line: null,
          })),
        );
      }
      const list = blocks.get(r.providerRef) ?? [];
      const start = r.row.startsAt.getTime() - r.before * MINUTE;
      const end = r.row.startsAt.getTime() + (r.duration + r.after) * MINUTE;
      const clash = list.find((b) => b.start < end && start < b.end);
      if (clash) {
        problems.push({
          line: r.row.line,
          kind: "appointment",
          message:
            clash.line === null ? "overlaps an appointment the provider already has" : `overlaps the appointment on line ${clash.line}`,
        });
      }
      list.push({ start, end, line: r.row.line });
      blocks.set(r.providerRef, list);
    }
    if (org) {
      const month = usageMonth(now, org.timeZone);
      const [usage] = await tx
        .select()
        .from(organizationUsage)
        .where(sql`${organizationUsage.organizationId} = ${orgId} and ${organizationUsage.month} = ${month}`);
      const used = usage?.appointmentsCreated ?? 0;
      if (used + file.appointments.length > planLimit(org.plan, "appointments")) {
        problems.push({
          line: 0,
          kind: "appointment",
          message: `the plan allows ${planLimit(org.plan, "appointments")} appointments a month; ${used} used this month and the file adds ${file.appointments.length}`,
        });
      }
    }
    if (problems.length) throw new ImportRejected(problems.sort((x, y) => x.line - y.line));

    // Clean: write everything, in this one transaction.
    const providerIds = new Map<string, string>();
    for (const [k, p] of existingProviderByKey) providerIds.set(k, p.id);
    for (const p of file.providers) {
      const { line: _line, ...input } = p;
      const created = await providersRepo(tx, orgId).create({ input });
      for (const k of providerKey(p)) providerIds.set(k, created.id);
    }
    const auditCreated = (resourceType: string, row: { id: string; patientId: string }) =>
      ctx.audit({ action: "create", resourceType, resourceId: row.id, patientId: row.patientId, metadata: { via: "import" } });
    const patientIds = new Map(existingPatients.map((p) => [p.mrn, p.id]));
    for (const p of file.patients) {
      const { line: _line, ...input } = p;
      const created = await patientsRepo(tx, orgId).create({ input });
      patientIds.set(p.mrn, created.id);
      await auditCreated("patient", { id: created.id, patientId: created.id });
    }
    for (const r of resolved) {
      const appointment = await appointmentsRepo(tx, orgId).create({
        input: {
          patientId: patientIds.get(r.row.patientMrn)!,
          providerId: providerIds.get(r.providerRef)!,
          appointmentTypeId: r.typeId,
          startsAt: r.row.startsAt,
          endsAt: new Date(r.row.startsAt.getTime() + r.duration * MINUTE),
          bufferBeforeMinutes: r.before,
          bufferAfterMinutes: r.after,
          mode: r.row.mode,
          reason: r.row.reason ?? null,
          bookedVia: "api",
        },
      });
      await auditCreated("appointment", appointment);
    }
    if (org && file.appointments.length) {
      const month = usageMonth(now, org.timeZone);
      await tx
        .insert(organizationUsage)
        .values({ organizationId: orgId, month, appointmentsCreated: file.appointments.length })
        .onConflictDoUpdate({
          target: [organizationUsage.organizationId, organizationUsage.month],
          set: { appointmentsCreated: sql`${organizationUsage.appointmentsCreated} + ${file.appointments.length}` },
        });
    }
    return { providers: file.providers.length, patients: file.patients.length, appointments: resolved.length };
  });
}
