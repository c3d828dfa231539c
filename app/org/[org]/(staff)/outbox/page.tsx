import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { outboxRepo } from "@/lib/notifications/outbox-repository";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";

export const metadata: Metadata = { title: "E-mail outbox" };
export const dynamic = "force-dynamic";

const STATUS: Record<string, string> = {
  pending: "bg-amber-50 text-amber-900",
  sending: "bg-blue-50 text-blue-900",
  sent: "bg-emerald-50 text-emerald-900",
  failed: "bg-red-50 text-red-800",
};

export default async function OutboxPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("settings:manage")) forbidden();
  const rows = await loadAsStaff(org, "settings:manage", async (ctx) => {
    const list = await outboxRepo(ctx.tx, ctx.orgId).listRecent({ limit: 200 });
    await ctx.audit({ action: "view", resourceType: "notification_outbox", metadata: { rows: list.length } });
    return list;
  });
  const tz = access.tenant.organization.timeZone;
  const when = new Intl.DateTimeFormat("en-US", { timeZone: tz, dateStyle: "medium", timeStyle: "short" });
  const waiting = rows.filter((r) => r.status === "pending").length;

  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">E-mail outbox</h1>
        <p className="text-sm text-slate-500">
          Confirmations, changes, reminders and waiting-list offers. The worker (<code>npm run worker</code>) sends them when a mail server
          is configured (SMTP_URL) and retries failures; nothing is dropped. {waiting} waiting.
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-500">No e-mails yet.</p>
      ) : (
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
                    <span className={`rounded px-2 py-0.5 text-xs ${STATUS[r.status] ?? ""}`}>{r.status}</span>
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
