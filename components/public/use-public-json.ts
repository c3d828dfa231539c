"use client";

import { useEffect, useState } from "react";

export type ApiError = { error?: { code?: string; message?: string; fieldErrors?: Record<string, string[]> } };

/** What a patient's page knows of a public list it reads: still loading, failed (with the server's error, if it sent one), or loaded. */
export type PublicRead<T> = { status: "pending" } | { status: "error"; error: ApiError["error"] } | { status: "success"; data: T };

/** Read again when the patient comes back to the tab and what is shown is older than this. */
const FRESH_MS = 30_000;
const RETRY_AFTER_MS = 1_000;

class ServerError extends Error {
  constructor(readonly error: ApiError["error"]) {
    super(error?.message ?? "request failed");
  }
}

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, signal });
  const body = await response.json();
  if (!response.ok) throw new ServerError((body as ApiError).error);
  return body as T;
}

/**
 * Reads a public JSON resource once the page is in the browser: one retry after a network failure
 * or an error we caused (a 5xx), and a quiet refresh when the tab is focused again after a while, so a
 * patient who left the page open sees today's choices. A refresh that fails keeps what is shown.
 * Patient pages use this instead of the staff pages' query cache, which they would otherwise download.
 */
export function usePublicJson<T>(url: string): PublicRead<T> {
  const [state, setState] = useState<PublicRead<T>>({ status: "pending" });

  useEffect(() => {
    const controller = new AbortController();
    let loadedAt = 0;
    let loaded = false;
    let inFlight = false;

    async function load(attempt: number): Promise<void> {
      inFlight = true;
      try {
        const data = await getJson<T>(url, controller.signal);
        loaded = true;
        loadedAt = Date.now();
        setState({ status: "success", data });
      } catch (e) {
        if (controller.signal.aborted) return;
        const serverError = e instanceof ServerError ? e.error : undefined;
        const ours = !(e instanceof ServerError) || serverError?.code === undefined || serverError.code === "internal";
        if (attempt === 0 && ours) {
          await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
          if (!controller.signal.aborted) return load(1);
          return;
        }
        if (!loaded) setState({ status: "error", error: serverError });
      } finally {
        inFlight = false;
      }
    }

    function refreshIfStale() {
      if (document.visibilityState !== "visible" || inFlight || !loaded) return;
      if (Date.now() - loadedAt >= FRESH_MS) void load(1);
    }

    setState({ status: "pending" });
    void load(0);
    window.addEventListener("focus", refreshIfStale);
    document.addEventListener("visibilitychange", refreshIfStale);
    return () => {
      controller.abort();
      window.removeEventListener("focus", refreshIfStale);
      document.removeEventListener("visibilitychange", refreshIfStale);
    };
  }, [url]);

  return state;
}
