"use client";

import { signOut } from "next-auth/react";

export function SignOutButton({ callbackUrl = "/sign-in", className }: { callbackUrl?: string; className?: string }) {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl })} className={className}>
      Sign out
    </button>
  );
}
