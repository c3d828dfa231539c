"use client";

import { useId } from "react";
import { useSwitchOrganization } from "@/components/orgs/use-switch-organization";

export type SwitcherMembership = { organizationId: string; name: string; slug: string; role: string };

export function OrgSwitcher({ memberships, currentOrganizationId }: { memberships: SwitcherMembership[]; currentOrganizationId: string }) {
  const { go, pending, error } = useSwitchOrganization("Could not switch organization.");
  const id = useId();
  if (memberships.length < 2) return null;

  async function choose(organizationId: string) {
    if (organizationId !== currentOrganizationId) await go(organizationId);
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
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {memberships.map((m) => (
          <option key={m.organizationId} value={m.organizationId}>
            {m.name}
          </option>
        ))}
      </select>
      {error && (
        <span id={`${id}-error`} role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
