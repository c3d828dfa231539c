"use client";

import { SessionProvider } from "next-auth/react";

/**
 * The signed-in session, for the client components that read or change it (switching organization,
 * accepting an invitation). Only the pages that hold them wrap it: patient pages go without
 * next-auth's browser code and without its session request.
 */
export function SessionBoundary({ children }: { children: React.ReactNode }) {
  return <SessionProvider refetchOnWindowFocus={false}>{children}</SessionProvider>;
}
