"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { dayLabel, timeLabel } from "@/components/scheduling/format";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant } from "@/components/tenancy/tenant-provider";
import { type Column, PagedQueryTable, ShownCount, TableSection } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { dangerButton, FormAlert, inputClass, secondaryButton } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { useToast } from "@/components/ui/toast";
import type { WaitlistOfferView, WaitlistRow } from "@/lib/scheduling/waitlist-staff";
import { WAITLIST_STATUSES, type WaitlistStatus } from "@/lib/scheduling/waitlist-status";
import { listWaitlistAction, removeWaitlistEntryAction } from "../actions";
import { type Choice, OfferDialog } from "./offer-dialog";

type Filters = { type: string; provider: string; from: string; to: string; status: WaitlistStatus | "" };

const PAGE_SIZE = 25;

const STATUS: Record<WaitlistStatus, { label: string; tone: string }> = {
  waiting: { label: "Waiting", tone: "bg-amber-50 text-amber-900" },
  offered: { label: "Offered", tone: "bg-blue-50 text-blue-900" },
  booked: { label: "Booked", tone: "bg-emerald-50 text-emerald-900" },
  cancelled: { label: "Removed", tone: "bg-slate-100 text-slate-700" },
};

const OUTCOME: Record<WaitlistOfferView["outcome"], string> = {
  open: "Open",
  claimed: "Claimed",
  gone: "Gone",
  expired: "Expired",
};

/** A calendar date (YYYY-MM-DD) as "Tue, Mar 10". */
function dateLabel(date: string): string {
  return dayLabel(`${date}T12:00:00Z`, "UTC");
}

function WantedDates({ row }: { row: WaitlistRow }) {
  return (
    <span className="whitespace-nowrap">
      {row.earliestDate === row.latestDate ? dateLabel(row.earliestDate) : `${dateLabel(row.earliestDate)} – ${dateLabel(row.latestDate)}`}
    </span>
  );
}

function Offers({ offers, timeZone }: { offers: WaitlistOfferView[]; timeZone: string }) {
  if (!offers.length) return <span className="text-slate-500">None yet</span>;
  const when = new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  return (
    <ul className="flex flex-col gap-1.5">
      {offers.map((o) => (
        <li key={o.id}>
          <span className="font-medium">
            {dayLabel(o.startsAt, timeZone)}, {timeLabel(o.startsAt, timeZone)}
          </span>{" "}
          with {o.providerName}
          <span className="block text-xs text-slate-600">
            Offered {when.format(new Date(o.offeredAt))} ·{" "}
            <span className={o.outcome === "claimed" ? "font-semibold text-emerald-800" : ""}>{OUTCOME[o.outcome]}</span>
            {o.outcome === "open" && <> until {when.format(new Date(o.expiresAt))}</>}
          </span>
        </li>
      ))}
    </ul>
  );
}

function FilterBar({
  filters,
  onChange,
  types,
  providers,
}: {
  filters: Filters;
  onChange: (f: Filters) => void;
  types: Choice[];
  providers: Choice[];
}) {
  const id = useId();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const label = "text-sm font-medium text-slate-700";
  return (
    <search aria-label="Filter the waiting list" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-type`} className={label}>
          Appointment type
        </label>
        <select id={`${id}-type`} value={filters.type} onChange={(e) => set({ type: e.target.value })} className={inputClass}>
          <option value="">All types</option>
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-provider`} className={label}>
          Provider
        </label>
        <select id={`${id}-provider`} value={filters.provider} onChange={(e) => set({ provider: e.target.value })} className={inputClass}>
          <option value="">All providers</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-from`} className={label}>
          Wanted from
        </label>
        <input id={`${id}-from`} type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-to`} className={label}>
          Wanted until
        </label>
        <input id={`${id}-to`} type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-status`} className={label}>
          Status
        </label>
        <select
          id={`${id}-status`}
          value={filters.status}
          onChange={(e) => set({ status: e.target.value as Filters["status"] })}
          className={inputClass}
        >
          <option value="">All statuses</option>
          {WAITLIST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS[s].label}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}

function RemoveDialog({ row, onClose }: { row: WaitlistRow; onClose: () => void }) {
  const tenant = useTenant();
  const client = useQueryClient();
  const toast = useToast();
  const remove = useMutation({
    mutationFn: () => unwrap(removeWaitlistEntryAction({ id: row.id })),
    onSuccess: async () => {
      toast.show({ message: `${row.patient.name} was taken off the waiting list.` });
      onClose();
      await client.invalidateQueries({ queryKey: staffKeys.waitlist(tenant.organization.id) });
    },
  });
  return (
    <Dialog title="Remove from the waiting list?" placement="center" onClose={onClose}>
      <div className="flex flex-col gap-4">
        <p className="text-sm text-slate-700">
          {row.patient.name} will no longer be offered freed times for {row.appointmentType.name}. Any offer they have not claimed yet stops
          working.
        </p>
        <FormAlert message={remove.error?.message} />
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" onClick={onClose} className={secondaryButton}>
            Keep waiting
          </button>
          <button type="button" onClick={() => remove.mutate()} disabled={remove.isPending} className={dangerButton}>
            {remove.isPending ? "Removing…" : "Remove"}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

export function WaitlistView({ types, providers }: { types: Choice[]; providers: (Choice & { active: boolean })[] }) {
  const tenant = useTenant();
  const timeZone = tenant.organization.timeZone;
  const canWrite = usePermission("appointments:write");
  const [filters, setFilters] = useState<Filters>({ type: "", provider: "", from: "", to: "", status: "" });
  const [removing, setRemoving] = useState<WaitlistRow | null>(null);
  const [offering, setOffering] = useState<WaitlistRow | null>(null);
  const rangeBackwards = Boolean(filters.from && filters.to && filters.from > filters.to);
  const applied = {
    type: filters.type || undefined,
    provider: filters.provider || undefined,
    from: filters.from || undefined,
    to: rangeBackwards ? undefined : filters.to || undefined,
    status: filters.status || undefined,
  };

  const query = useInfiniteQuery({
    queryKey: [...staffKeys.waitlist(tenant.organization.id), applied],
    queryFn: ({ pageParam }) => unwrap(listWaitlistAction({ ...applied, limit: PAGE_SIZE, cursor: pageParam || undefined })),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const joined = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" });
  const open = (r: WaitlistRow) => r.status === "waiting" || r.status === "offered";
  const badge = (r: WaitlistRow) => (
    <span className={`whitespace-nowrap rounded px-2 py-0.5 text-xs ${STATUS[r.status].tone}`}>{STATUS[r.status].label}</span>
  );
  const actions = (r: WaitlistRow, className: string) =>
    canWrite && open(r) ? (
      <div className={`flex gap-2 whitespace-nowrap ${className}`}>
        <button type="button" onClick={() => setOffering(r)} className={secondaryButton} aria-label={`Offer a time to ${r.patient.name}`}>
          Offer a time
        </button>
        <button type="button" onClick={() => setRemoving(r)} className={dangerButton} aria-label={`Remove ${r.patient.name}`}>
          Remove
        </button>
      </div>
    ) : null;

  const columns: Column<WaitlistRow>[] = [
    {
      header: "Patient",
      rowHeader: true,
      className: "font-normal",
      cell: (r) => (
        <>
          <span className="font-medium">{r.patient.name}</span>
          {r.patient.email ? (
            <span className="block break-words text-xs text-slate-600">{r.patient.email}</span>
          ) : (
            <span className="block text-xs text-slate-600">No e-mail address</span>
          )}
          {/* Narrow screens: what the hidden columns hold, under the name. */}
          <span className="mt-1 block text-xs text-slate-600 md:hidden">Joined {joined.format(new Date(r.joinedAt))}</span>
          <span className="mt-1 block sm:hidden">{badge(r)}</span>
        </>
      ),
    },
    {
      header: "Wants",
      cell: (r) => (
        <>
          <span className="font-medium">{r.appointmentType.name}</span>
          <span className="block text-slate-600">{r.provider ? r.provider.name : "Any provider"}</span>
          <span className="block text-slate-600">
            <WantedDates row={r} />
          </span>
          {/* Narrower screens: the offers, under what the patient wants. */}
          {r.offers.length > 0 && (
            <div className="mt-2 border-t border-slate-100 pt-2 lg:hidden">
              <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Offers</span>
              <Offers offers={r.offers} timeZone={timeZone} />
            </div>
          )}
          {actions(r, "mt-3 flex-wrap md:hidden")}
        </>
      ),
    },
    { header: "Joined", from: "md", className: "whitespace-nowrap text-slate-600", cell: (r) => joined.format(new Date(r.joinedAt)) },
    { header: "Status", from: "sm", cell: badge },
    { header: "Offers", from: "lg", cell: (r) => <Offers offers={r.offers} timeZone={timeZone} /> },
  ];
  if (canWrite) {
    columns.push({
      header: "Actions",
      hideHeader: true,
      from: "md",
      cell: (r) => actions(r, "flex-col items-stretch xl:flex-row xl:justify-end"),
    });
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Waiting list"
        description="Patients who asked for an earlier time online. When a time frees up they are offered it by e-mail; the first to claim it gets it."
      />
      <FilterBar filters={filters} onChange={setFilters} types={types} providers={providers} />
      {rangeBackwards && (
        <p role="alert" className="text-sm text-red-700">
          “Wanted until” is before “Wanted from”; the end of the range is ignored.
        </p>
      )}
      <TableSection
        heading="Waiting patients"
        aside={
          <ShownCount
            busy={query.isFetching && !query.isFetchingNextPage}
            busyLabel="Loading…"
            loaded={query.data !== undefined}
            count={rows.length}
            more={query.hasNextPage}
          />
        }
      >
        <PagedQueryTable query={query} columns={columns} rows={rows} empty="Nobody on the waiting list matches these filters." />
      </TableSection>
      {removing && <RemoveDialog row={removing} onClose={() => setRemoving(null)} />}
      {offering && <OfferDialog row={offering} providers={providers.filter((p) => p.active)} onClose={() => setOffering(null)} />}
    </div>
  );
}
