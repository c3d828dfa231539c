"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { getQueryClient } from "@/lib/query/client";

// The query cache, for the pages and parts that use it: the staff pages, the manage and invitation
// pages, sign-up and the time picker. The booking page reads its first list with a plain fetch, so a
// patient's first load does not include the library; every provider shares the one browser cache.
export function QueryProvider({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
