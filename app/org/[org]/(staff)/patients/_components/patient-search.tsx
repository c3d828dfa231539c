"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { inputClass, primaryButton, secondaryButton } from "@/components/ui/form-field";
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

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Patients</h1>
        {canWrite && (
          <Link href={href("/patients/new")} className={primaryButton}>
            New patient
          </Link>
        )}
      </div>

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

      <section aria-labelledby={`${inputId}-results`} className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
          <h2 id={`${inputId}-results`} className="font-semibold">
            {q ? `Results for “${q}”` : "All patients"}
          </h2>
          <span aria-live="polite" className="text-sm text-slate-500">
            {searching ? "Searching…" : query.data ? `${rows.length}${query.hasNextPage ? "+" : ""} shown` : ""}
          </span>
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
        {query.data && rows.length === 0 && (
          <p className="px-4 py-6 text-sm text-slate-500">{q ? "No patient matches this search." : "No patients registered yet."}</p>
        )}
        {rows.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Date of birth
                  </th>
                  <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">
                    MRN
                  </th>
                  <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">
                    E-mail
                  </th>
                  <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">
                    Phone
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((p) => (
                  <tr key={p.id} className="align-top hover:bg-slate-50">
                    <td className="px-4 py-2.5">
                      <Link href={href(`/patients/${p.id}`)} className="font-medium text-[var(--brand-primary)] hover:underline">
                        {p.lastName}, {p.firstName}
                      </Link>
                      {/* Narrow screens: the hidden columns, under the name. */}
                      <div className="mt-0.5 flex flex-col text-xs text-slate-500 md:hidden">
                        <span className="sm:hidden">MRN {p.mrn}</span>
                        {p.email && <span className="break-all">{p.email}</span>}
                        {p.phone && <span>{p.phone}</span>}
                      </div>
                    </td>
                    <td className="whitespace-nowrap px-4 py-2.5 tabular-nums">{p.dateOfBirth}</td>
                    <td className="hidden whitespace-nowrap px-4 py-2.5 tabular-nums sm:table-cell">{p.mrn}</td>
                    <td className="hidden break-all px-4 py-2.5 md:table-cell">{p.email ?? <span className="text-slate-400">—</span>}</td>
                    <td className="hidden whitespace-nowrap px-4 py-2.5 md:table-cell">
                      {p.phone ?? <span className="text-slate-400">—</span>}
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
