"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { settingsKeys } from "@/components/settings/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { type Column, QueryTable, ShownCount } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import type { OutboxEntry } from "@/lib/administration/outbox";
import { outboxAction } from "../actions";

type Status = OutboxEntry["status"];

const STATUS: Record<Status, { label: string; tone: string }> = {
  pending: { label: "Waiting", tone: "bg-amber-50 text-amber-900" },
  sending: { label: "Sending", tone: "bg-blue-50 text-blue-900" },
  sent: { label: "Sent", tone: "bg-emerald-50 text-emerald-900" },
  failed: { label: "Failed", tone: "bg-red-50 text-red-800" },
};
const STATUSES = Object.keys(STATUS) as Status[];

const LIMIT = 200;

function columnsIn(when: Intl.DateTimeFormat): Column<OutboxEntry>[] {
  return [
    { header: "Queued", className: "whitespace-nowrap text-slate-600", cell: (r) => when.format(r.createdAt) },
    { header: "To", cell: (r) => r.toEmail },
    {
      header: "Subject",
      cell: (r) => (
        <details>
          <summary className="cursor-pointer">{r.subject}</summary>
          <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-sans text-xs text-slate-700">{r.bodyText}</pre>
        </details>
      ),
    },
    {
      header: "Status",
      cell: (r) => (
        <>
          <span className={`rounded px-2 py-0.5 text-xs ${STATUS[r.status].tone}`}>{STATUS[r.status].label}</span>
          {r.lastError && <span className="block text-xs text-red-700">{r.lastError}</span>}
        </>
      ),
    },
    { header: "Attempts", className: "tabular-nums", cell: (r) => r.attempts },
  ];
}

export function OutboxView() {
  const tenant = useTenant();
  const [status, setStatus] = useState<Status | null>(null);
  const query = useQuery({
    queryKey: settingsKeys.outbox(tenant.organization.id, status),
    queryFn: () => unwrap(outboxAction({ status: status ?? undefined, limit: LIMIT })),
  });
  const when = new Intl.DateTimeFormat("en-US", { timeZone: tenant.organization.timeZone, dateStyle: "medium", timeStyle: "short" });
  const rows = query.data ?? [];
  const columns = columnsIn(when);

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="E-mail outbox"
        description={
          <>
            Confirmations, changes, reminders and waiting-list offers. The worker (<code>npm run worker</code>) sends them when a mail
            server is configured (SMTP_URL) and retries failures; nothing is dropped.
          </>
        }
      />
      <fieldset className="flex flex-wrap items-center gap-2 text-sm">
        <legend className="sr-only">Show</legend>
        {[null, ...STATUSES].map((value) => (
          <label
            key={value ?? "all"}
            className={`cursor-pointer rounded-full border px-3 py-1 ${
              status === value ? "border-[var(--brand-primary)] bg-[var(--brand-primary)]/10 font-medium" : "border-slate-200 bg-white"
            }`}
          >
            <input type="radio" name="status" className="sr-only" checked={status === value} onChange={() => setStatus(value)} />
            {value ? STATUS[value].label : "All"}
          </label>
        ))}
        <ShownCount
          busy={query.isFetching}
          busyLabel="Loading…"
          loaded={query.data !== undefined}
          count={rows.length}
          more={rows.length === LIMIT}
        />
      </fieldset>
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <QueryTable
          query={query}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          empty={status ? `No ${STATUS[status].label.toLowerCase()} e-mails.` : "No e-mails yet."}
        />
      </div>
    </div>
  );
}
