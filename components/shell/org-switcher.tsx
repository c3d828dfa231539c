"use client";

import { useSession } from "next-auth/react";
import { useId, useState } from "react";

export type SwitcherMembership = { organizationId: string; name: string; slug: string; role: string };

export function OrgSwitcher({ memberships, currentOrganizationId }: { memberships: SwitcherMembership[]; currentOrganizationId: string }) {
  const { update } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();
  if (memberships.length < 2) return null;

  async function choose(organizationId: string) {
    if (organizationId === currentOrganizationId) return;
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/switch", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ organizationId }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? "Could not switch organization.");
      if (body.mode === "direct") await update({ activeOrganizationId: organizationId });
      window.location.assign(body.url);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not switch organization.");
      setPending(false);
    }
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
