"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { primaryButton, secondaryButton } from "@/components/ui/form-field";
import { Badge } from "@/components/ui/panel";
import { PROVIDER_PAGE_SIZE } from "@/lib/providers/schemas";
import type { ProviderPage } from "@/lib/providers/service";
import { listProvidersAction } from "../actions";

function YesNo({ value, yes, no }: { value: boolean; yes: string; no: string }) {
  return value ? <Badge tone="good">{yes}</Badge> : <Badge>{no}</Badge>;
}

/** `firstPage`: all providers' first page, loaded with the page (the active-only view loads its own). */
export function ProviderList({ firstPage }: { firstPage?: ProviderPage }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const canManage = usePermission("providers:manage");
  const [activeOnly, setActiveOnly] = useState(false);

  const query = useInfiniteQuery({
    queryKey: staffKeys.providerPages(tenant.organization.id, { activeOnly }),
    queryFn: ({ pageParam }) => unwrap(listProvidersAction({ activeOnly, limit: PROVIDER_PAGE_SIZE, cursor: pageParam || undefined })),
    initialPageParam: "",
    initialData: firstPage && !activeOnly ? { pages: [firstPage], pageParams: [""] } : undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Providers</h1>
        {canManage && (
          <Link href={href("/providers/new")} className={primaryButton}>
            New provider
          </Link>
        )}
      </div>

      <section aria-labelledby="providers-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
          <h2 id="providers-heading" className="font-semibold">
            {activeOnly ? "Active providers" : "All providers"}
          </h2>
          <label className="flex items-center gap-2 text-sm text-slate-600">
            <input
              type="checkbox"
              checked={activeOnly}
              onChange={(e) => setActiveOnly(e.target.checked)}
              className="h-4 w-4 accent-[var(--brand-primary)]"
            />
            Active only
          </label>
        </div>
        {query.isPending && (
          <div className="px-4">
            <LoadingState />
          </div>
        )}
        {query.isError && (
          <div className="p-4">
            <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
          </div>
        )}
        {query.data && rows.length === 0 && <p className="px-4 py-6 text-sm text-slate-500">No providers yet.</p>}
        {rows.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Provider
                  </th>
                  <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">
                    Specialty
                  </th>
                  <th scope="col" className="hidden px-4 py-2 font-medium lg:table-cell">
                    Licence
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">
                    Online booking
                  </th>
                  <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">
                    Telehealth
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((p) => (
                  <tr key={p.id} className="align-top hover:bg-slate-50">
                    <td className="px-4 py-2.5">
                      <Link href={href(`/providers/${p.id}`)} className="font-medium text-[var(--brand-primary)] hover:underline">
                        {p.name}
                      </Link>
                      {p.title && <span className="text-slate-500">, {p.title}</span>}
                      <div className="mt-0.5 flex flex-col gap-1 text-xs text-slate-500 lg:hidden">
                        {p.specialty && <span className="md:hidden">{p.specialty}</span>}
                        {p.licenseNumber && <span>Licence {p.licenseNumber}</span>}
                        <span className="flex flex-wrap gap-1 sm:hidden">
                          <YesNo value={p.acceptsOnlineBooking} yes="Online booking" no="No online booking" />
                          <YesNo value={p.offersTelehealth} yes="Telehealth" no="No telehealth" />
                        </span>
                      </div>
                    </td>
                    <td className="hidden px-4 py-2.5 md:table-cell">{p.specialty ?? <span className="text-slate-400">—</span>}</td>
                    <td className="hidden whitespace-nowrap px-4 py-2.5 tabular-nums lg:table-cell">
                      {p.licenseNumber ?? <span className="text-slate-400">—</span>}
                    </td>
                    <td className="px-4 py-2.5">{p.active ? <Badge tone="good">Active</Badge> : <Badge tone="bad">Inactive</Badge>}</td>
                    <td className="hidden px-4 py-2.5 sm:table-cell">
                      <YesNo value={p.acceptsOnlineBooking} yes="Yes" no="No" />
                    </td>
                    <td className="hidden px-4 py-2.5 sm:table-cell">
                      <YesNo value={p.offersTelehealth} yes="Yes" no="No" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {query.hasNextPage && (
          <div className="border-t border-slate-100 px-4 py-3">
            <button
              type="button"
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
              className={secondaryButton}
            >
              {query.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
