"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { getQueryClient } from "@/lib/query/client";

// What every page shares, patients' included: only the query cache. The session (components/auth/
// session-boundary.tsx) and the toasts (components/ui/toast.tsx) are provided by the pages that use them.
export function AppProviders({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
