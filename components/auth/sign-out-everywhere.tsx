"use client";

import { createContext, useContext } from "react";
import type { ActionResult } from "@/lib/pipeline/action-result";

/** The server action that ends every session of the signed-in account (the staff layout hands it down). */
export type SignOutEverywhereAction = (input: Record<string, never>) => Promise<ActionResult<{ ended: number }>>;

const SignOutEverywhereContext = createContext<SignOutEverywhereAction | null>(null);

export function SignOutEverywhereProvider({ action, children }: { action: SignOutEverywhereAction; children: React.ReactNode }) {
  return <SignOutEverywhereContext.Provider value={action}>{children}</SignOutEverywhereContext.Provider>;
}

export function useSignOutEverywhereAction(): SignOutEverywhereAction {
  const action = useContext(SignOutEverywhereContext);
  if (!action) throw new Error("useSignOutEverywhereAction() outside <SignOutEverywhereProvider>");
  return action;
}
