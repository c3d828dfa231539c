"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { unwrap } from "@/components/actions/action-client";
import { What, Who } from "@/components/audit/event-labels";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { type Column, NoValue, PagedQueryTable, TableSection } from "@/components/ui/data-table";
import type { AuditEventView } from "@/lib/audit/console";
import { patientAccessAction } from "../../actions";

const PAGE_SIZE = 25;

/** Who opened this chart: every access to the patient's data, newest first (owners and admins). */
export function PatientAccess({ patientId }: { patientId: string }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const timeZone = tenant.organization.timeZone;
  const query = useInfiniteQuery({
    queryKey: [...staffKeys.patient(tenant.organization.id, patientId), "access"],
    queryFn: ({ pageParam }) => unwrap(patientAccessAction({ id: patientId, limit: PAGE_SIZE, cursor: pageParam || undefined })),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const when = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "medium" });
  const columns: Column<AuditEventView>[] = [
    { header: "When", rowHeader: true, className: "font-normal", cell: (r) => when.format(new Date(r.occurredAt)) },
    { header: "Who", cell: (r) => <Who actor={r.actor} /> },
    { header: "What", cell: (r) => <What row={r} /> },
    { header: "From", from: "md", className: "break-all text-slate-600", cell: (r) => r.ip ?? <NoValue /> },
  ];
  return (
    <TableSection
      heading="Who opened this chart"
      description={
        <>
          Every look at this patient&apos;s data and every change, from the audit log.{" "}
          <Link href={href(`/settings/audit?patient=${patientId}`)} className="font-medium text-[var(--brand-primary)] underline">
            Search the audit log
          </Link>
        </>
      }
    >
      <PagedQueryTable query={query} columns={columns} rows={rows} empty="No access recorded yet." />
    </TableSection>
  );
}
