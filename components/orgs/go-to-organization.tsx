"use client";

import { useSwitchOrganization } from "./use-switch-organization";

/** Goes to an organization's dashboard on its own host (shared cookie, or a one-time hand-off). */
export function GoToOrganization({ organizationId, label }: { organizationId: string; label: string }) {
  const { go, pending, error } = useSwitchOrganization("Could not open that organization.");

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={() => void go(organizationId)}
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
