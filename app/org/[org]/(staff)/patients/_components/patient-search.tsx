"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { type Column, NoValue, PagedQueryTable, ShownCount, TableSection } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { useDebounced } from "@/components/ui/use-debounced";
import { searchPatientsAction } from "../actions";

const PAGE_SIZE = 25;

export function PatientSearch() {
  const tenant = useTenant();
  const href = useTenantHref();
  const canWrite = usePermission("patients:write");
  const inputId = useId();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);

  const query = useInfiniteQuery({
    queryKey: staffKeys.patientSearch(tenant.organization.id, q),
    queryFn: ({ pageParam }) => unwrap(searchPatientsAction({ q: q || undefined, limit: PAGE_SIZE, cursor: pageParam || undefined })),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const searching = text.trim() !== q || (query.isFetching && !query.isFetchingNextPage);
  const columns: Column<(typeof rows)[number]>[] = [
    {
      header: "Name",
      cell: (p) => (
        <>
          <Link href={href(`/patients/${p.id}`)} className="font-medium text-[var(--brand-primary)] hover:underline">
            {p.lastName}, {p.firstName}
          </Link>
          {/* Narrow screens: the hidden columns, under the name. */}
          <div className="mt-0.5 flex flex-col text-xs text-slate-500 md:hidden">
            <span className="sm:hidden">MRN {p.mrn}</span>
            {p.email && <span className="break-all">{p.email}</span>}
            {p.phone && <span>{p.phone}</span>}
          </div>
        </>
      ),
    },
    { header: "Date of birth", className: "whitespace-nowrap tabular-nums", cell: (p) => p.dateOfBirth },
    { header: "MRN", from: "sm", className: "whitespace-nowrap tabular-nums", cell: (p) => p.mrn },
    { header: "E-mail", from: "md", className: "break-all", cell: (p) => p.email ?? <NoValue /> },
    { header: "Phone", from: "md", className: "whitespace-nowrap", cell: (p) => p.phone ?? <NoValue /> },
  ];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Patients" create={canWrite && { href: href("/patients/new"), label: "New patient" }} />

      <search className="flex flex-col gap-1">
        <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
          Search patients
        </label>
        <input
          id={inputId}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Smith, 1980-04-12, P1234567890, jane@example.com, 555 0100"
          aria-describedby={`${inputId}-hint`}
          autoComplete="off"
          className={`${inputClass} sm:max-w-xl`}
        />
        <span id={`${inputId}-hint`} className="text-xs text-slate-500">
          Name (last or first, or both), date of birth as YYYY-MM-DD, MRN, full e-mail address, or at least 4 digits of a phone number.
        </span>
      </search>

      <TableSection
        heading={q ? `Results for “${q}”` : "All patients"}
        aside={
          <ShownCount
            busy={searching}
            busyLabel="Searching…"
            loaded={query.data !== undefined}
            count={rows.length}
            more={query.hasNextPage}
          />
        }
      >
        <PagedQueryTable
          query={query}
          columns={columns}
          rows={rows}
          empty={q ? "No patient matches this search." : "No patients registered yet."}
        />
      </TableSection>
    </div>
  );
}
