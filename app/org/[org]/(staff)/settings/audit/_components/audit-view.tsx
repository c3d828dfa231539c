"use client";

import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { ACTION_LABELS, kindLabel, OUTCOME_TONE, What, Who, type Person } from "@/components/audit/event-labels";
import { type Column, NoValue, PagedQueryTable, ShownCount, TableSection } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert, inputClass, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import type { AuditEventDetail, AuditEventView, ChainVerification } from "@/lib/audit/console";
import { COMMON_AUDIT_RESOURCES, MAX_AUDIT_EXPORT_DAYS } from "@/lib/audit/limits";
import { auditActions } from "@/lib/db/schema/enum-values";
import { orgQueryKey } from "@/lib/query/client";
import { tenantHref } from "@/lib/tenancy/href";
import { auditEventAction, auditEventsAction, auditExportAction, verifyAuditChainAction } from "../actions";

type Filters = { actor: string; patient: string; action: string; resource: string; from: string; to: string };

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

const shortHash = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…${hash.slice(-6)}` : "—");

function VerificationSummary({
  title,
  result,
  timeZone,
  notYet,
}: {
  title: string;
  result: ChainVerification | null;
  timeZone: string;
  notYet: string;
}) {
  const when = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="flex flex-col gap-1 rounded-lg border border-slate-200 p-3">
      <h3 className="text-sm font-semibold">{title}</h3>
      {!result ? (
        <p className="text-sm text-slate-600">{notYet}</p>
      ) : (
        <>
          <p className="text-sm">
            <span
              className={`rounded px-2 py-0.5 text-xs font-medium ${result.intact ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}
            >
              {result.intact ? "Intact" : "Broken"}
            </span>{" "}
            <span className="text-slate-700">{when.format(new Date(result.at))}</span>
          </p>
          <p className="text-sm text-slate-700">
            {result.rows.toLocaleString("en-US")} events checked
            {result.headSeq !== null && (
              <>
                {" "}
                · head #{result.headSeq.toLocaleString("en-US")} <code className="break-all text-xs">{shortHash(result.headHash)}</code>
              </>
            )}
          </p>
          {result.firstBreak && (
            <p className="text-sm text-red-800">
              First broken link at #{result.firstBreak.seq}: {result.firstBreak.detail}
            </p>
          )}
          {result.staleUnsealedRows > 0 && (
            <p className="text-sm text-amber-900">{result.staleUnsealedRows} events waited too long to be sealed into the chain.</p>
          )}
        </>
      )}
    </div>
  );
}

function ChainPanel({
  initial,
  timeZone,
}: {
  initial: { scheduled: ChainVerification | null; onDemand: ChainVerification | null };
  timeZone: string;
}) {
  const [onDemand, setOnDemand] = useState(initial.onDemand);
  const verify = useMutation({
    mutationFn: () => unwrap(verifyAuditChainAction({})),
    onSuccess: (result) => setOnDemand(result),
  });
  return (
    <section aria-labelledby="chain-heading" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="chain-heading" className="font-semibold">
            Chain verification
          </h2>
          <p className="text-sm text-slate-600">
            Each event carries the hash of the one before it, so an edited, removed or reordered event breaks the chain.
          </p>
        </div>
        <button type="button" className={secondaryButton} onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? "Verifying…" : "Verify now"}
        </button>
      </div>
      <FormAlert message={verify.error?.message} />
      <div aria-live="polite" className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <VerificationSummary
          title="Last scheduled check"
          result={initial.scheduled}
          timeZone={timeZone}
          notYet="Not run yet. AgentCare checks every chain on a schedule (daily unless your operator set otherwise)."
        />
        <VerificationSummary title="Last check on request" result={onDemand} timeZone={timeZone} notYet="Not run yet." />
      </div>
    </section>
  );
}

function ExportPanel() {
  const id = useId();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [format, setFormat] = useState<"ndjson" | "csv">("ndjson");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = "text-sm font-medium text-slate-700";

  async function download(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!from || !to) return setError("Choose the first and the last day.");
    if (from > to) return setError("The last day must not be before the first.");
    if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_AUDIT_EXPORT_DAYS)
      return setError(`An export covers at most ${MAX_AUDIT_EXPORT_DAYS} days.`);
    setError(null);
    setBusy(true);
    try {
      const result = await auditExportAction({ from, to, format });
      if (!result.ok) {
        setError(result.formError || "The export could not be made. Try again.");
        return;
      }
      const { body, contentType, filename: name } = result.data;
      const blob = new Blob([body], { type: contentType });
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      setDone(`Downloaded ${name}.`);
    } catch {
      setError("The export could not be downloaded. Check the connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div>
        <h2 id={`${id}-heading`} className="font-semibold">
          Export for an auditor
        </h2>
        <p className="text-sm text-slate-600">
          The chain&apos;s events of those days, in order, with their hashes. An NDJSON export can be re-verified without AgentCare:{" "}
          <code className="break-all text-xs">npm run audit:verify -- --file export.ndjson</code>. Exports are recorded in the log.
        </p>
      </div>
      <form onSubmit={download} className="grid grid-cols-1 items-end gap-3 sm:grid-cols-4" noValidate>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-from`} className={label}>
            First day
          </label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} className={inputClass} required />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-to`} className={label}>
            Last day
          </label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} className={inputClass} required />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-format`} className={label}>
            Format
          </label>
          <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as "ndjson" | "csv")} className={inputClass}>
            <option value="ndjson">NDJSON (verifiable)</option>
            <option value="csv">CSV (spreadsheet)</option>
          </select>
        </div>
        <button type="submit" className={primaryButton} disabled={busy}>
          {busy ? "Preparing…" : "Download export"}
        </button>
      </form>
      <FormAlert message={error} />
      {done && (
        <p role="status" className="text-sm text-emerald-800">
          {done}
        </p>
      )}
    </section>
  );
}

function EventDialog({
  id,
  people,
  onOpen,
  onClose,
}: {
  id: string;
  people: Map<string, Person>;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const tenant = useTenant();
  const timeZone = tenant.organization.timeZone;
  const event = useQuery({
    queryKey: [...orgQueryKey(tenant.organization.id, "audit", "event"), id],
    queryFn: () => unwrap(auditEventAction({ id })),
  });
  const when = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "full", timeStyle: "long" });
  const e: AuditEventDetail | undefined = event.data;
  const row = "grid grid-cols-1 gap-1 border-b border-slate-100 py-2 sm:grid-cols-[10rem_1fr]";
  return (
    <Dialog title={e?.seq != null ? `Event #${e.seq.toLocaleString("en-US")}` : "Audit event"} placement="center" onClose={onClose}>
      {event.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Loading…
        </p>
      ) : event.isError || !e ? (
        <FormAlert message={event.error?.message ?? "The event could not be loaded."} />
      ) : (
        <div className="flex max-h-[70vh] flex-col gap-3 overflow-y-auto text-sm">
          <dl>
            <div className={row}>
              <dt className="font-medium text-slate-600">When</dt>
              <dd>{when.format(new Date(e.occurredAt))}</dd>
            </div>
            <div className={row}>
              <dt className="font-medium text-slate-600">Who</dt>
              <dd>
                <Who actor={e.actor} people={people} />
              </dd>
            </div>
            <div className={row}>
              <dt className="font-medium text-slate-600">What</dt>
              <dd>
                {ACTION_LABELS[e.action] ?? e.action} {kindLabel(e.resourceType)}
                {e.resourceId && <code className="ml-1 break-all text-xs">{e.resourceId}</code>}
                {e.records > 0 && <span className="block text-slate-600">{e.records} records shown</span>}
                <span className={`ml-0 mt-1 inline-block rounded px-2 py-0.5 text-xs ${OUTCOME_TONE[e.outcome] ?? ""}`}>{e.outcome}</span>
              </dd>
            </div>
            <div className={row}>
              <dt className="font-medium text-slate-600">Patients</dt>
              <dd>
                {e.patients.length ? (
                  <ul>
                    {e.patients.map((p) => (
                      <li key={p.id}>
                        <Link href={tenantHref(tenant.basePath, `/patients/${p.id}`)} className="text-[var(--brand-primary)] underline">
                          {p.name}
                        </Link>
                      </li>
                    ))}
                  </ul>
                ) : e.patientIds.length ? (
                  `${e.patientIds.length} no longer on file`
                ) : (
                  <NoValue>None</NoValue>
                )}
              </dd>
            </div>
            <div className={row}>
              <dt className="font-medium text-slate-600">From</dt>
              <dd>
                {e.ip ?? <NoValue>No address recorded</NoValue>}
                {e.userAgent && <span className="block break-all text-xs text-slate-600">{e.userAgent}</span>}
                {e.requestId && <span className="block break-all text-xs text-slate-600">Request {e.requestId}</span>}
              </dd>
            </div>
            <div className={row}>
              <dt className="font-medium text-slate-600">Details</dt>
              <dd>
                {Object.keys(e.metadata).length ? (
                  <pre className="max-w-full overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">
                    {JSON.stringify(e.metadata, null, 2)}
                  </pre>
                ) : (
                  <NoValue>None</NoValue>
                )}
              </dd>
            </div>
          </dl>
          <section aria-labelledby="chain-position" className="rounded-lg border border-slate-200 p-3">
            <h3 id="chain-position" className="font-semibold">
              Place in the chain
            </h3>
            {e.chain.seq === null ? (
              <p className="text-slate-600">Being sealed into the chain (normally within seconds).</p>
            ) : (
              <>
                <p className="mt-1">
                  Position #{e.chain.seq.toLocaleString("en-US")} ·{" "}
                  {e.chain.intact ? (
                    <span className="font-medium text-emerald-800">matches its hash</span>
                  ) : (
                    <span className="font-medium text-red-800">no longer matches its hash: the event was changed after it was written</span>
                  )}
                </p>
                <p className="mt-1 break-all text-xs">
                  Previous hash <code>{e.chain.prevHash}</code>
                </p>
                <p className="break-all text-xs">
                  This event&apos;s hash <code>{e.chain.rowHash}</code>
                </p>
                <div className="mt-2 flex flex-wrap gap-2">
                  {e.chain.previous && (
                    <button type="button" className={secondaryButton} onClick={() => onOpen(e.chain.previous!.id)}>
                      Previous event (#{e.chain.previous.seq})
                    </button>
                  )}
                  {e.chain.next && (
                    <button type="button" className={secondaryButton} onClick={() => onOpen(e.chain.next!.id)}>
                      Next event (#{e.chain.next.seq})
                    </button>
                  )}
                </div>
              </>
            )}
          </section>
          <div className="flex justify-end">
            <button type="button" onClick={onClose} className={secondaryButton}>
              Close
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function FilterBar({ filters, onChange, people }: { filters: Filters; onChange: (f: Filters) => void; people: Person[] }) {
  const id = useId();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const label = "text-sm font-medium text-slate-700";
  return (
    <search aria-label="Filter the audit log" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-actor`} className={label}>
          Person
        </label>
        <select id={`${id}-actor`} value={filters.actor} onChange={(e) => set({ actor: e.target.value })} className={inputClass}>
          <option value="">Everyone</option>
          {people.map((p) => (
            <option key={p.userId} value={p.userId}>
              {p.name || p.email}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-patient`} className={label}>
          Patient ID
        </label>
        <input
          id={`${id}-patient`}
          value={filters.patient}
          onChange={(e) => set({ patient: e.target.value.trim() })}
          className={inputClass}
          aria-describedby={filters.patient && !UUID.test(filters.patient) ? `${id}-patient-error` : undefined}
          aria-invalid={filters.patient && !UUID.test(filters.patient) ? true : undefined}
        />
        {filters.patient && !UUID.test(filters.patient) && (
          <p id={`${id}-patient-error`} className="text-xs text-red-700">
            Paste a patient ID (from the patient&apos;s record); it is ignored until then.
          </p>
        )}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-action`} className={label}>
          Action
        </label>
        <select id={`${id}-action`} value={filters.action} onChange={(e) => set({ action: e.target.value })} className={inputClass}>
          <option value="">All actions</option>
          {auditActions.map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-resource`} className={label}>
          Kind of record
        </label>
        <input
          id={`${id}-resource`}
          list={`${id}-resources`}
          value={filters.resource}
          onChange={(e) => set({ resource: e.target.value.trim().toLowerCase().replace(/\s+/g, "_") })}
          className={inputClass}
          placeholder="e.g. appointment"
        />
        <datalist id={`${id}-resources`}>
          {COMMON_AUDIT_RESOURCES.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-from`} className={label}>
          From
        </label>
        <input id={`${id}-from`} type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-to`} className={label}>
          Until
        </label>
        <input id={`${id}-to`} type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} className={inputClass} />
      </div>
    </search>
  );
}

export function AuditView({
  people,
  verifications,
  initialPatient,
}: {
  people: Person[];
  verifications: { scheduled: ChainVerification | null; onDemand: ChainVerification | null };
  initialPatient: string;
}) {
  const tenant = useTenant();
  const timeZone = tenant.organization.timeZone;
  const [filters, setFilters] = useState<Filters>({ actor: "", patient: initialPatient, action: "", resource: "", from: "", to: "" });
  const [open, setOpen] = useState<string | null>(null);
  const directory = new Map(people.map((p) => [p.userId, p]));
  const rangeBackwards = Boolean(filters.from && filters.to && filters.from > filters.to);
  const applied = {
    actor: filters.actor || undefined,
    patient: UUID.test(filters.patient) ? filters.patient : undefined,
    action: (filters.action || undefined) as (typeof auditActions)[number] | undefined,
    resource: /^[a-z_]{1,60}$/.test(filters.resource) ? filters.resource : undefined,
    from: filters.from || undefined,
    to: rangeBackwards ? undefined : filters.to || undefined,
  };
  const query = useInfiniteQuery({
    queryKey: [...orgQueryKey(tenant.organization.id, "audit", "events"), applied],
    queryFn: ({ pageParam }) => unwrap(auditEventsAction({ ...applied, limit: PAGE_SIZE, cursor: pageParam || undefined })),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const date = new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", year: "numeric" });
  const time = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit", second: "2-digit" });
  const when = (at: Date) => `${date.format(new Date(at))}, ${time.format(new Date(at))}`;

  const columns: Column<AuditEventView>[] = [
    {
      header: "When",
      rowHeader: true,
      className: "font-normal",
      cell: (r) => (
        <>
          <span className="whitespace-nowrap">{date.format(new Date(r.occurredAt))}</span>
          <span className="block whitespace-nowrap">{time.format(new Date(r.occurredAt))}</span>
          <span className="block text-xs text-slate-600">{r.seq === null ? "Sealing…" : `#${r.seq.toLocaleString("en-US")}`}</span>
        </>
      ),
    },
    {
      header: "Who",
      cell: (r) => (
        <>
          <Who actor={r.actor} people={directory} />
          {/* Phones: what happened, under who did it. */}
          <span className="mt-1 block sm:hidden">
            <What row={r} />
          </span>
        </>
      ),
    },
    { header: "What", from: "sm", cell: (r) => <What row={r} /> },
    {
      header: "Patients",
      from: "md",
      className: "text-slate-700",
      cell: (r) => (r.patientIds.length ? r.patientIds.length.toLocaleString("en-US") : <NoValue />),
    },
    { header: "From", from: "lg", className: "break-all text-slate-600", cell: (r) => r.ip ?? <NoValue /> },
    {
      header: "Open",
      hideHeader: true,
      cell: (r) => (
        <button
          type="button"
          className={secondaryButton}
          onClick={() => setOpen(r.id)}
          aria-label={`Open the event of ${when(r.occurredAt)}${r.seq !== null ? `, #${r.seq}` : ""}`}
        >
          Open
        </button>
      ),
    },
  ];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Audit log"
        description="Every access to patient data and every change, who did it, when and from where, in a tamper-evident chain. Looking at this log is recorded in it too."
      />
      <ChainPanel initial={verifications} timeZone={timeZone} />
      <ExportPanel />
      <FilterBar filters={filters} onChange={setFilters} people={people} />
      {rangeBackwards && (
        <p role="alert" className="text-sm text-red-700">
          “Until” is before “From”; the end of the range is ignored.
        </p>
      )}
      <TableSection
        heading="Events"
        aside={
          <ShownCount
            busy={query.isFetching && !query.isFetchingNextPage}
            busyLabel="Loading…"
            loaded={query.data !== undefined}
            count={rows.length}
            more={query.hasNextPage}
          />
        }
      >
        <PagedQueryTable query={query} columns={columns} rows={rows} empty="No events match these filters." />
      </TableSection>
      {open && <EventDialog key={open} id={open} people={directory} onOpen={setOpen} onClose={() => setOpen(null)} />}
    </div>
  );
}
