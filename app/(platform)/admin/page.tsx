import type { Metadata } from "next";
import { readRequest } from "@/lib/pipeline/request";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { currentOperator } from "@/lib/auth/operator";
import { operatorConsole } from "@/lib/administration/operator";
import { PLANS, PLAN_ORDER } from "@/lib/billing/plans";
import type { UsageReport } from "@/lib/billing/limits";
import { config } from "@/lib/config/env";
import { organizationUrl } from "@/lib/tenancy/href";
import { OrganizationRow } from "./_components/organization-row";
import { updateOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "Operator console", robots: { index: false } };
export const dynamic = "force-dynamic";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const PLAN_OPTIONS = PLAN_ORDER.map((p) => [p, PLANS[p].label] as const);

/** "Users 3/5 · providers 2/3 · appointments 12/500 in 2026-03". */
function usageLine(r: UsageReport): string {
  const n = (v: number) => v.toLocaleString("en-US");
  return `Users ${r.users.used}/${r.users.limit} · providers ${r.providers.used}/${r.providers.limit} · appointments ${n(r.appointments.used)}/${n(r.appointments.limit)} in ${r.month.slice(0, 7)}`;
}

export default async function OperatorConsolePage() {
  // Anyone but a signed-in operator sees the same 404 as for a page that does not exist.
  const operator = await currentOperator();
  if (!operator) notFound();

  const { organizations, events } = await operatorConsole();
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

      <section aria-labelledby="orgs-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-100 px-4 py-3">
          <h2 id="orgs-heading" className="font-semibold">
            All organizations
          </h2>
          <p className="text-sm text-slate-500">Plan and subscription status are set here; payment is handled outside AgentCare.</p>
        </div>
        {organizations.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500">No organizations yet.</p>
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
                plans={PLAN_OPTIONS}
                usage={usageLine(o.usage)}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="events-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-100 px-4 py-3">
          <h2 id="events-heading" className="font-semibold">
            Security events
          </h2>
          <p className="text-sm text-slate-500">
            The latest {events.length} (times in UTC): cross-tenant attempts, refused keys and similar.
          </p>
        </div>
        {events.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500">No security events recorded.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[56rem] text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  {["Kind", "When", "User", "Attempted organization", "Host", "Path", "IP"].map((h) => (
                    <th key={h} scope="col" className="px-4 py-2 font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {events.map((e) => (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap px-4 py-2 font-medium">{e.kind.replace(/_/g, " ")}</td>
                    <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-600">{when.format(e.occurredAt)}</td>
                    <td className="whitespace-nowrap px-4 py-2 font-mono text-xs text-slate-600">{e.userId ?? "—"}</td>
                    <td className="min-w-40 px-4 py-2">
                      {e.attemptedOrganizationId
                        ? (names.get(e.attemptedOrganizationId) ?? <span className="font-mono text-xs">{e.attemptedOrganizationId}</span>)
                        : "—"}
                    </td>
                    <td className="whitespace-nowrap px-4 py-2 text-slate-600">{e.host ?? "—"}</td>
                    <td className="min-w-40 px-4 py-2 font-mono text-xs text-slate-600 wrap-anywhere">{e.path ?? "—"}</td>
                    <td className="whitespace-nowrap px-4 py-2 font-mono text-xs text-slate-600">{e.ip ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
