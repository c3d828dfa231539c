"use client";

import { useQuery } from "@tanstack/react-query";
import { unwrap } from "@/components/actions/action-client";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { SUBSCRIPTION_LABELS, SUBSCRIPTION_TONES } from "@/components/settings/subscription";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { type Column, DataTable } from "@/components/ui/data-table";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { Badge, Panel } from "@/components/ui/panel";
import type { UsageSummary } from "@/lib/administration/settings";
import type { Feature, SubscriptionPlan } from "@/lib/billing/plans";
import { countOf, formatCount, formatDbTime, formatUsageDay, formatUsageMonth } from "@/components/usage/format";
import { usageAction } from "../actions";

type Meter = UsageSummary["users"];

export function UsageView({ plans, featureLabels }: { plans: SubscriptionPlan[]; featureLabels: Record<Feature, string> }) {
  const tenant = useTenant();
  const query = useQuery({
    queryKey: settingsKeys.usage(tenant.organization.id),
    queryFn: () => unwrap(usageAction({})),
  });
  const usage = query.data;

  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader title="Plan and usage" description="What your plan includes and how much of it you use." />
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
      {usage && (
        <>
          <Panel
            title={`${usage.plan.label} plan`}
            actions={<Badge tone={SUBSCRIPTION_TONES[usage.subscriptionStatus]}>{SUBSCRIPTION_LABELS[usage.subscriptionStatus]}</Badge>}
          >
            <div className="flex flex-col gap-4">
              <p className="text-sm text-slate-600">
                <span className="text-2xl font-semibold text-slate-900">${formatCount(usage.plan.priceMonthly)}</span> a month. Billing
                happens outside AgentCare; to change your plan, contact AgentCare and an operator switches it for you.
              </p>
              {usage.subscriptionStatus === "past_due" && (
                <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
                  Your payment is past due. Service continues for now; please contact AgentCare to settle it.
                </p>
              )}
              <div className="grid gap-5 md:grid-cols-3">
                <UsageMeter
                  label="Users"
                  detail="Active members and open invitations (suspended members do not count)"
                  meter={usage.users}
                />
                <UsageMeter label="Providers" detail="Active providers" meter={usage.providers} />
                <UsageMeter label="Appointments" detail={`Created in ${formatUsageMonth(usage.month)}`} meter={usage.appointments} />
              </div>
            </div>
          </Panel>
          <Panel title="Platform usage" description="Requests, API-key calls and database time, by UTC day.">
            <ResourceUsage report={usage.resources} />
          </Panel>
          <Panel title="Features">
            <ul className="grid gap-2 sm:grid-cols-2">
              {(Object.keys(featureLabels) as Feature[]).map((feature) => {
                const included = usage.plan.features.includes(feature);
                return (
                  <li key={feature} className="flex items-center gap-2 text-sm">
                    <span
                      aria-hidden
                      className={`flex h-5 w-5 items-center justify-center rounded-full text-xs font-bold ${included ? "bg-emerald-100 text-emerald-700" : "bg-slate-100 text-slate-400"}`}
                    >
                      {included ? "✓" : "–"}
                    </span>
                    <span className={included ? "" : "text-slate-500"}>{featureLabels[feature]}</span>
                    <span className="sr-only">{included ? "included" : "not included"}</span>
                  </li>
                );
              })}
            </ul>
          </Panel>
          <Panel title="All plans">
            <PlanTable plans={plans} featureLabels={featureLabels} current={usage.plan.name} />
          </Panel>
        </>
      )}
    </div>
  );
}

function UsageMeter({ label, detail, meter }: { label: string; detail: string; meter: Meter }) {
  const pct = meter.limit > 0 ? Math.min(100, Math.round((meter.used / meter.limit) * 100)) : 100;
  const tone = meter.used >= meter.limit ? "bg-red-600" : pct >= 80 ? "bg-amber-500" : "bg-[var(--brand-primary)]";
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-sm font-medium">{label}</span>
        <span className="text-sm tabular-nums text-slate-600">
          {formatCount(meter.used)} of {formatCount(meter.limit)}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${label} used`}
        aria-valuemin={0}
        aria-valuemax={meter.limit}
        aria-valuenow={Math.min(meter.used, meter.limit)}
        aria-valuetext={`${formatCount(meter.used)} of ${formatCount(meter.limit)}`}
        className="h-2.5 overflow-hidden rounded-full bg-slate-100"
      >
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.max(pct, meter.used > 0 ? 2 : 0)}%` }} />
      </div>
      <span className="text-xs text-slate-500">
        {detail}
        {meter.used >= meter.limit && " · limit reached"}
      </span>
    </div>
  );
}

function PlanTable({
  plans,
  featureLabels,
  current,
}: {
  plans: SubscriptionPlan[];
  featureLabels: Record<Feature, string>;
  current: SubscriptionPlan["name"];
}) {
  const columns: Column<SubscriptionPlan>[] = [
    {
      header: "Plan",
      rowHeader: true,
      className: "font-medium",
      cell: (plan) => (
        <>
          {plan.label} {plan.name === current && <Badge tone="info">Yours</Badge>}
        </>
      ),
    },
    { header: "Price", className: "tabular-nums", cell: (plan) => `$${formatCount(plan.priceMonthly)}` },
    { header: "Users", className: "tabular-nums", cell: (plan) => formatCount(plan.userLimit) },
    { header: "Providers", className: "tabular-nums", cell: (plan) => formatCount(plan.providerLimit) },
    { header: "Appointments a month", className: "tabular-nums", cell: (plan) => formatCount(plan.appointmentLimit) },
    {
      header: "Features",
      className: "min-w-56 font-normal text-slate-600",
      cell: (plan) => (plan.features.length ? plan.features.map((f) => featureLabels[f]).join(", ") : "—"),
    },
  ];
  return (
    <DataTable
      look="inset"
      className="min-w-[32rem]"
      columns={columns}
      rows={plans}
      rowKey={(plan) => plan.name}
      rowClassName={(plan) => (plan.name === current ? "font-medium" : "")}
      empty="No plans."
    />
  );
}

type DailyUsage = UsageSummary["resources"]["days"][number];

const dayColumns: Column<DailyUsage>[] = [
  {
    header: "Day",
    rowHeader: true,
    className: "whitespace-nowrap font-normal tabular-nums",
    cell: (d) => <time dateTime={d.day}>{formatUsageDay(d.day)}</time>,
  },
  { header: "Requests", className: "whitespace-nowrap tabular-nums", cell: (d) => formatCount(d.requests) },
  { header: "API calls", className: "whitespace-nowrap tabular-nums", cell: (d) => formatCount(d.apiCalls) },
  { header: "Database time", className: "whitespace-nowrap tabular-nums", cell: (d) => formatDbTime(d.dbTimeMs) },
];

function ResourceUsage({ report }: { report: UsageSummary["resources"] }) {
  const since = <time dateTime={report.from}>{formatUsageDay(report.from)}</time>;
  const { requests, apiCalls, dbTimeMs } = report.totals;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-600">
        {report.days.length === 0 ? (
          <>No requests recorded since {since}.</>
        ) : (
          <>
            Since {since}: {countOf(requests, "request")}, {apiCalls === 0 ? "none" : formatCount(apiCalls)} of them with an API key, and{" "}
            {formatDbTime(dbTimeMs)} of database time.
          </>
        )}{" "}
        New requests show here within a few seconds.
      </p>
      {report.days.length > 0 && (
        <DataTable
          look="inset"
          columns={dayColumns}
          rows={report.days}
          rowKey={(d) => d.day}
          empty="No usage recorded in this period yet."
        />
      )}
    </div>
  );
}
