"use client";

import { useSession } from "next-auth/react";
import { useState } from "react";
import { apiRequest } from "@/components/api/rest-client";

type Switch = { mode: "direct" | "handoff"; url: string; organizationId: string };

/**
 * Goes to another of the user's organizations on its own host: where the session cookie reaches it,
 * the session's active organization is updated and the browser follows a plain link; otherwise it
 * follows a single-use hand-off link.
 */
export function useSwitchOrganization(failure: string) {
  const { update } = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function go(organizationId: string) {
    setPending(true);
    setError(null);
    try {
      const target = await apiRequest<Switch>("/api/auth/switch", "POST", { organizationId });
      if (target.mode === "direct") await update({ activeOrganizationId: organizationId });
      window.location.assign(target.url);
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : failure);
      setPending(false);
    }
  }

  return { go, pending, error };
}
