"use client";

import { useState } from "react";

/** Goes to an organization's dashboard on its own host (shared cookie, or a one-time hand-off). */
export function GoToOrganization({ organizationId, label }: { organizationId: string; label: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function go() {
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/switch", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ organizationId }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? "Could not open that organization.");
      window.location.assign(body.url);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not open that organization.");
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={() => void go()}
        disabled={pending}
        className="rounded-md bg-teal-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-teal-800 disabled:opacity-60"
      >
        {pending ? "Opening…" : label}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
