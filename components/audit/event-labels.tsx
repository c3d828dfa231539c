// How an audit event reads to people: who did it, and what it was. Used by the audit log page and a
// patient's access history.
import type { AuditEventView } from "@/lib/audit/console";

export type Person = { userId: string; name: string; email: string };

export const ACTION_LABELS: Record<string, string> = {
  view: "Viewed",
  create: "Created",
  update: "Changed",
  delete: "Deleted",
  export: "Exported",
};
export const OUTCOME_TONE: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-900",
  denied: "bg-amber-50 text-amber-900",
  error: "bg-red-50 text-red-900",
};

export const kindLabel = (resource: string) => resource.replace(/_/g, " ");

export function Who({ actor, people = new Map() }: { actor: AuditEventView["actor"]; people?: Map<string, Person> }) {
  if (actor.type === "user") {
    const person = actor.userId ? people.get(actor.userId) : undefined;
    const name = actor.name ?? person?.name ?? null;
    const email = actor.email ?? person?.email ?? null;
    return (
      <>
        <span className="font-medium">{name || email || "Former member"}</span>
        {email && name && <span className="block break-all text-xs text-slate-600">{email}</span>}
        {actor.role && <span className="block text-xs text-slate-600">{actor.role}</span>}
      </>
    );
  }
  const label = { api_key: "API key", patient: "Patient (online)", system: "AgentCare (system)", anonymous: "Anonymous visitor" }[
    actor.type
  ];
  return (
    <>
      <span className="font-medium">{label ?? actor.type}</span>
      {actor.role && <span className="block text-xs text-slate-600">{actor.role}</span>}
    </>
  );
}

export function What({ row }: { row: AuditEventView }) {
  return (
    <>
      {ACTION_LABELS[row.action] ?? row.action} {kindLabel(row.resourceType)}
      {row.records > 1 && <span className="block text-xs text-slate-600">{row.records} records shown</span>}
      {row.outcome !== "success" && (
        <span className={`mt-1 inline-block rounded px-2 py-0.5 text-xs ${OUTCOME_TONE[row.outcome] ?? ""}`}>{row.outcome}</span>
      )}
    </>
  );
}
