import { desc } from "drizzle-orm";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { currentOperator } from "@/lib/auth/operator";
import { securityEvents } from "@/lib/db/schema";
import { usageReport } from "@/lib/billing/limits";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { config } from "@/lib/config/env";
import { organizationUrl } from "@/lib/tenancy/href";
import { OrganizationRow } from "./_components/organization-row";
import { updateOrganizationAction } from "./actions";

export const metadata: Metadata = { title: "Operator console", robots: { index: false } };
export const dynamic = "force-dynamic";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export default async function OperatorConsolePage() {
  // Anyone but a signed-in operator sees the same 404 as for a page that does not exist.
  const operator = await currentOperator();
  if (!operator) notFound();

  const organizations = await withPlatform((tx) => platformOrganizations(tx).list({ limit: 500 }));
  // Usage per organization, read inside each organization's own tenant transaction.
  const usage = new Map<string, string>();
  for (const o of organizations) {
    const r = await withTenant(o.id, (tx) => usageReport(tx, o.id));
    usage.set(
      o.id,
      `Users ${r.users.used}/${r.users.limit} · providers ${r.providers.used}/${r.providers.limit} · appointments ${r.appointments.used.toLocaleString("en-US")}/${r.appointments.limit.toLocaleString("en-US")} in ${r.month.slice(0, 7)}`,
    );
  }
  const events = await withPlatform((tx) => tx.select().from(securityEvents).orderBy(desc(securityEvents.occurredAt)).limit(200));
  const protocol = (await headers()).get("x-forwarded-proto") === "https" ? "https:" : "http:";
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
                  createdAt: o.createdAt.toISOString(),
                }}
                siteUrl={organizationUrl({ slug: o.slug, rootDomain: root, protocol })}
                action={updateOrganizationAction}
                usage={usage.get(o.id)}
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
