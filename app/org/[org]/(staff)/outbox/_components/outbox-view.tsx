"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { settingsKeys } from "@/components/settings/query-keys";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
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

export function OutboxView() {
  const tenant = useTenant();
  const [status, setStatus] = useState<Status | null>(null);
  const query = useQuery({
    queryKey: settingsKeys.outbox(tenant.organization.id, status),
    queryFn: () => unwrap(outboxAction({ status: status ?? undefined, limit: LIMIT })),
  });
  const when = new Intl.DateTimeFormat("en-US", { timeZone: tenant.organization.timeZone, dateStyle: "medium", timeStyle: "short" });
  const rows = query.data ?? [];

  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">E-mail outbox</h1>
        <p className="text-sm text-slate-500">
          Confirmations, changes, reminders and waiting-list offers. The worker (<code>npm run worker</code>) sends them when a mail server
          is configured (SMTP_URL) and retries failures; nothing is dropped.
        </p>
      </div>
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
        <span aria-live="polite" className="text-slate-500">
          {query.isFetching ? "Loading…" : query.data ? `${rows.length}${rows.length === LIMIT ? "+" : ""} shown` : ""}
        </span>
      </fieldset>
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
      {query.data && rows.length === 0 && (
        <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-500">
          {status ? `No ${STATUS[status].label.toLowerCase()} e-mails.` : "No e-mails yet."}
        </p>
      )}
      {rows.length > 0 && (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Queued
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  To
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Subject
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Attempts
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">{when.format(r.createdAt)}</td>
                  <td className="px-4 py-2">{r.toEmail}</td>
                  <td className="px-4 py-2">
                    <details>
                      <summary className="cursor-pointer">{r.subject}</summary>
                      <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-sans text-xs text-slate-700">
                        {r.bodyText}
                      </pre>
                    </details>
                  </td>
                  <td className="px-4 py-2">
                    <span className={`rounded px-2 py-0.5 text-xs ${STATUS[r.status].tone}`}>{STATUS[r.status].label}</span>
                    {r.lastError && <span className="block text-xs text-red-700">{r.lastError}</span>}
                  </td>
                  <td className="px-4 py-2 tabular-nums">{r.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
