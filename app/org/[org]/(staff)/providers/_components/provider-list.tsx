"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { type Column, NoValue, PagedQueryTable, TableSection } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/panel";
import { PROVIDER_PAGE_SIZE } from "@/lib/providers/paging";
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
  const columns: Column<(typeof rows)[number]>[] = [
    {
      header: "Provider",
      cell: (p) => (
        <>
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
        </>
      ),
    },
    { header: "Specialty", from: "md", cell: (p) => p.specialty ?? <NoValue /> },
    { header: "Licence", from: "lg", className: "whitespace-nowrap tabular-nums", cell: (p) => p.licenseNumber ?? <NoValue /> },
    { header: "Status", cell: (p) => (p.active ? <Badge tone="good">Active</Badge> : <Badge tone="bad">Inactive</Badge>) },
    { header: "Online booking", from: "sm", cell: (p) => <YesNo value={p.acceptsOnlineBooking} yes="Yes" no="No" /> },
    { header: "Telehealth", from: "sm", cell: (p) => <YesNo value={p.offersTelehealth} yes="Yes" no="No" /> },
  ];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Providers" create={canManage && { href: href("/providers/new"), label: "New provider" }} />

      <TableSection
        heading={activeOnly ? "Active providers" : "All providers"}
        aside={
          <label className="flex items-center gap-2 text-sm text-slate-600">
            <input
              type="checkbox"
              checked={activeOnly}
              onChange={(e) => setActiveOnly(e.target.checked)}
              className="h-4 w-4 accent-[var(--brand-primary)]"
            />
            Active only
          </label>
        }
      >
        <PagedQueryTable query={query} columns={columns} rows={rows} empty="No providers yet." />
      </TableSection>
    </div>
  );
}
