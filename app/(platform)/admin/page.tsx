import type { Metadata } from "next";
import { readRequest } from "@/lib/pipeline/request";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { type Column, DataTable, EmptyState, NoValue, TableSection } from "@/components/ui/data-table";
import { currentOperator } from "@/lib/auth/operator";
import { operatorConsole } from "@/lib/administration/operator";
import { PLANS, PLAN_ORDER } from "@/lib/billing/plans";
import type { UsageReport } from "@/lib/billing/limits";
import { config } from "@/lib/config/env";
import { countOf, formatCount, formatDbTime, formatUsageDay, formatUsageMonth } from "@/components/usage/format";
import { organizationUrl } from "@/lib/tenancy/href";
import { OrganizationRow } from "./_components/organization-row";
import { offboardOrganizationAction, updateOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "Operator console", robots: { index: false } };
export const dynamic = "force-dynamic";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const PLAN_OPTIONS = PLAN_ORDER.map((p) => [p, PLANS[p].label] as const);

/** "Users 3 of 5 · providers 2 of 3 · appointments 12 of 500 in March 2026". */
function usageLine(r: UsageReport): string {
  const of = (m: { used: number; limit: number }) => `${formatCount(m.used)} of ${formatCount(m.limit)}`;
  return `Users ${of(r.users)} · providers ${of(r.providers)} · appointments ${of(r.appointments)} in ${formatUsageMonth(r.month)}`;
}

type OrganizationListed = Awaited<ReturnType<typeof operatorConsole>>["organizations"][number];

const resourceColumns: Column<OrganizationListed>[] = [
  {
    header: "Organization",
    rowHeader: true,
    className: "min-w-40 font-medium",
    // Names may repeat across organizations; the address tells them apart.
    cell: (o) => (
      <>
        {o.name} <span className="block font-mono text-xs font-normal text-slate-500">{o.slug}</span>
      </>
    ),
  },
  { header: "Requests", className: "whitespace-nowrap tabular-nums", cell: (o) => formatCount(o.usage.resources.totals.requests) },
  { header: "API calls", className: "whitespace-nowrap tabular-nums", cell: (o) => formatCount(o.usage.resources.totals.apiCalls) },
  { header: "Database time", className: "whitespace-nowrap tabular-nums", cell: (o) => formatDbTime(o.usage.resources.totals.dbTimeMs) },
  {
    header: "Busiest day",
    className: "whitespace-nowrap tabular-nums text-slate-600",
    cell: (o) => {
      const top = [...o.usage.resources.days].sort((a, b) => b.requests - a.requests)[0];
      return top && top.requests > 0 ? (
        <>
          <time dateTime={top.day}>{formatUsageDay(top.day)}</time> · {countOf(top.requests, "request")}
        </>
      ) : (
        <NoValue>No requests</NoValue>
      );
    },
  },
];

type AccountMail = Awaited<ReturnType<typeof operatorConsole>>["accountMail"][number];

const mailColumns: Column<AccountMail>[] = [
  { header: "Created", className: "whitespace-nowrap tabular-nums text-slate-600", cell: (m) => when.format(m.createdAt) },
  { header: "To", className: "whitespace-nowrap", cell: (m) => m.toEmail },
  {
    header: "Status",
    className: "whitespace-nowrap",
    cell: (m) => (m.status === "sent" && m.sentAt ? `sent ${when.format(m.sentAt)}` : m.status),
  },
  {
    header: "Message",
    className: "min-w-96",
    cell: (m) => (
      <details>
        <summary className="cursor-pointer font-medium">{m.subject}</summary>
        <pre className="mt-2 whitespace-pre-wrap break-all font-sans text-xs text-slate-700">{m.bodyText}</pre>
      </details>
    ),
  },
];

type SecurityEvent = Awaited<ReturnType<typeof operatorConsole>>["events"][number];

/** `names`: organization names by id, for the attempted organization. */
function eventColumns(names: Map<string, string>): Column<SecurityEvent>[] {
  const mono = "whitespace-nowrap font-mono text-xs text-slate-600";
  return [
    { header: "Kind", className: "whitespace-nowrap font-medium", cell: (e) => e.kind.replace(/_/g, " ") },
    { header: "When", className: "whitespace-nowrap tabular-nums text-slate-600", cell: (e) => when.format(e.occurredAt) },
    { header: "User", className: mono, cell: (e) => e.userId ?? "—" },
    {
      header: "Attempted organization",
      className: "min-w-40",
      cell: (e) =>
        e.attemptedOrganizationId
          ? (names.get(e.attemptedOrganizationId) ?? <span className="font-mono text-xs">{e.attemptedOrganizationId}</span>)
          : "—",
    },
    { header: "Host", className: "whitespace-nowrap text-slate-600", cell: (e) => e.host ?? "—" },
    { header: "Path", className: "min-w-40 font-mono text-xs text-slate-600 wrap-anywhere", cell: (e) => e.path ?? "—" },
    { header: "IP", className: mono, cell: (e) => e.ip ?? "—" },
  ];
}

export default async function OperatorConsolePage() {
  // Anyone but a signed-in operator sees the same 404 as for a page that does not exist.
  const operator = await currentOperator();
  if (!operator) notFound();

  const { organizations, events, accountMail } = await operatorConsole();
  const { protocol } = await readRequest();
  const root = config().rootDomain;
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  const count = (pred: (o: (typeof organizations)[number]) => boolean) => organizations.filter(pred).length;

  return (
    <main className="mx-auto flex min-h-screen max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm font-semibold uppercase tracking-wide text-teal-700">AgentCare · Operator console</p>
          <h1 className="text-2xl font-semibold">Organizations</h1>
          <p className="text-sm text-slate-500">Signed in as {operator.email}. Changes apply on the organization&apos;s next request.</p>
        </div>
        <div className="flex items-center gap-4 text-sm">
          <Link href="/orgs" className="text-slate-600 underline">
            Your organizations
          </Link>
          <SignOutButton className="text-slate-600 underline" callbackUrl="/sign-in" />
        </div>
      </header>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["Organizations", organizations.length],
          ["Suspended", count((o) => o.status === "suspended")],
          ["Payment past due", count((o) => o.subscriptionStatus === "past_due")],
          ["Cancelled", count((o) => o.subscriptionStatus === "cancelled")],
        ].map(([label, value]) => (
          <div key={label} className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      <TableSection
        heading="All organizations"
        description="Plan and subscription status are set here; payment is handled outside AgentCare."
      >
        {organizations.length === 0 ? (
          <EmptyState>No organizations yet.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {organizations.map((o) => (
              <OrganizationRow
                key={o.id}
                organization={{
                  id: o.id,
                  name: o.name,
                  slug: o.slug,
                  type: o.type,
                  plan: o.plan,
                  status: o.status,
                  subscriptionStatus: o.subscriptionStatus,
                  createdAt: o.createdAt,
                }}
                siteUrl={organizationUrl({ slug: o.slug, rootDomain: root, protocol })}
                action={updateOrganizationAction}
                offboard={offboardOrganizationAction}
                plans={PLAN_OPTIONS}
                usage={usageLine(o.usage)}
              />
            ))}
          </ul>
        )}
      </TableSection>

      <TableSection
        heading="Resource usage"
        description={
          organizations[0]
            ? `Requests, API-key calls and database time per organization since ${formatUsageDay(organizations[0].usage.resources.from)} (UTC days), busiest first.`
            : "Requests, API-key calls and database time per organization."
        }
      >
        <DataTable
          className="min-w-[40rem]"
          columns={resourceColumns}
          rows={[...organizations].sort((a, b) => b.usage.resources.totals.requests - a.usage.resources.totals.requests)}
          rowKey={(o) => o.id}
          empty="No organizations yet."
        />
      </TableSection>

      <TableSection
        heading="Account e-mails"
        description={`${accountMail.length ? `The latest ${accountMail.length} (times in UTC): address` : "Address"} confirmations and password resets. ${
          config().smtpUrl ? "The worker sends them." : "No mail server is configured: pass the link on to the person yourself."
        }`}
      >
        <DataTable
          className="min-w-[48rem]"
          columns={mailColumns}
          rows={accountMail}
          rowKey={(m) => m.id}
          empty="No account e-mails yet."
        />
      </TableSection>

      <TableSection
        heading="Security events"
        description={`${events.length ? `The latest ${events.length} (times in UTC): cross-tenant` : "Cross-tenant"} attempts, refused keys and similar.`}
      >
        <DataTable
          className="min-w-[56rem]"
          columns={eventColumns(names)}
          rows={events}
          rowKey={(e) => e.id}
          empty="No security events recorded."
        />
      </TableSection>
    </main>
  );
}
