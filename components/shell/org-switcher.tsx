"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useSwitchOrganization } from "@/components/orgs/use-switch-organization";

export type SwitcherMembership = { organizationId: string; name: string; slug: string; role: string };

/** Above this many organizations the switcher is a searchable list instead of a select. */
export const SEARCHABLE_AFTER = 5;

/** Memberships whose name or address contains every word typed (any case). Pure. */
export function filterMemberships<T extends Pick<SwitcherMembership, "name" | "slug">>(memberships: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...memberships];
  return memberships.filter((m) => {
    const text = `${m.name} ${m.slug}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export function OrgSwitcher({ memberships, currentOrganizationId }: { memberships: SwitcherMembership[]; currentOrganizationId: string }) {
  const { go, pending, error } = useSwitchOrganization("Could not switch organization.");
  const id = useId();
  if (memberships.length < 2) return null;

  async function choose(organizationId: string) {
    if (organizationId !== currentOrganizationId) await go(organizationId);
  }

  const errorNote = error && (
    <span id={`${id}-error`} role="alert" className="text-xs text-red-700">
      {error}
    </span>
  );

  if (memberships.length > SEARCHABLE_AFTER) {
    return (
      <div className="flex flex-col">
        <SearchableSwitcher memberships={memberships} currentOrganizationId={currentOrganizationId} pending={pending} onChoose={choose} />
        {errorNote}
      </div>
    );
  }

  return (
    <div className="flex flex-col">
      <label htmlFor={id} className="sr-only">
        Organization
      </label>
      <select
        id={id}
        value={currentOrganizationId}
        disabled={pending}
        onChange={(e) => void choose(e.target.value)}
        className="w-full max-w-[13rem] truncate rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {memberships.map((m) => (
          <option key={m.organizationId} value={m.organizationId}>
            {m.name}
          </option>
        ))}
      </select>
      {errorNote}
    </div>
  );
}

/**
 * For people in many organizations: a button that opens a filter box and the list of organizations.
 * Escape or a click elsewhere closes it and focus goes back to the button.
 */
function SearchableSwitcher({
  memberships,
  currentOrganizationId,
  pending,
  onChoose,
}: {
  memberships: SwitcherMembership[];
  currentOrganizationId: string;
  pending: boolean;
  onChoose: (organizationId: string) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const current = memberships.find((m) => m.organizationId === currentOrganizationId);
  const shown = filterMemberships(memberships, query);

  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", outside);
    return () => document.removeEventListener("mousedown", outside);
  }, [open]);

  function close() {
    setOpen(false);
    setQuery("");
    buttonRef.current?.focus();
  }

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={pending}
        onClick={() => (open ? close() : setOpen(true))}
        className="flex max-w-[13rem] items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <span className="sr-only">Switch organization, current: </span>
        <span className="truncate">{current?.name ?? "Organization"}</span>
        <span aria-hidden className="text-slate-500">
          ▾
        </span>
      </button>
      {open && (
        <div id={panelId} className="absolute right-0 z-30 mt-2 w-72 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <label htmlFor={`${panelId}-filter`} className="sr-only">
            Find an organization
          </label>
          <input
            id={`${panelId}-filter`}
            type="search"
            autoFocus
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Find an organization"
            autoComplete="off"
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
          <p className="sr-only" role="status">
            {shown.length === 1 ? "1 organization" : `${shown.length} organizations`}
          </p>
          <ul aria-label="Your organizations" className="mt-2 max-h-72 overflow-y-auto">
            {shown.map((m) => {
              const isCurrent = m.organizationId === currentOrganizationId;
              return (
                <li key={m.organizationId}>
                  <button
                    type="button"
                    aria-current={isCurrent ? "true" : undefined}
                    onClick={() => (isCurrent ? close() : void onChoose(m.organizationId))}
                    className={`w-full truncate rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 ${isCurrent ? "font-semibold" : ""}`}
                  >
                    {m.name}
                  </button>
                </li>
              );
            })}
            {shown.length === 0 && <li className="px-2 py-1.5 text-sm text-slate-600">No organization matches.</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
