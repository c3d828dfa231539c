import { QueryClient } from "@tanstack/react-query";

// One factory: a fresh client per server request, a singleton in the browser.
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: true, retry: 1 },
    },
  });
}

let browserClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (typeof window === "undefined") return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

/** Query keys start with the organization id: no cache entry can cross tenants. */
export function orgQueryKey(orgId: string, ...parts: (string | number | Record<string, unknown>)[]) {
  return [orgId, ...parts] as const;
}
