"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { useSignOutEverywhereAction, type SignOutEverywhereAction } from "@/components/auth/sign-out-everywhere";
import { useTenantHref } from "@/components/tenancy/tenant-provider";
import { MFA_ENROLMENT_PATH } from "@/lib/auth/mfa-path";

const ROLE_LABELS: Record<string, string> = { owner: "Owner", admin: "Administrator", clinician: "Clinician", staff: "Front desk" };

/** Ends every session of this account (other browsers too), then this one's cookie. */
async function signOutEverywhere(endAll: SignOutEverywhereAction, callbackUrl: string) {
  await endAll({}).catch(() => undefined);
  await signOut({ callbackUrl });
}

export function UserMenu({ name, email, role }: { name: string; email: string; role: string | null }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const href = useTenantHref();
  const endAll = useSignOutEverywhereAction();

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        className="flex h-9 w-9 items-center justify-center rounded-full bg-slate-800 text-sm font-semibold text-white"
      >
        <span className="sr-only">Account menu for </span>
        {name.slice(0, 1).toUpperCase()}
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-10 mt-2 w-60 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <div className="px-2 py-1.5">
            <p className="truncate text-sm font-medium">{name}</p>
            <p className="truncate text-xs text-slate-500">{email}</p>
            {role && <p className="mt-1 text-xs text-slate-500">{ROLE_LABELS[role] ?? role}</p>}
          </div>
          <Link
            href={href(MFA_ENROLMENT_PATH)}
            role="menuitem"
            onClick={() => setOpen(false)}
            className="mt-1 block w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100"
          >
            Two-factor authentication
          </Link>
          <Link
            href={href("/account/password")}
            role="menuitem"
            onClick={() => setOpen(false)}
            className="block w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100"
          >
            Change password
          </Link>
          <button
            type="button"
            role="menuitem"
            onClick={() => void signOut({ callbackUrl: href("/sign-in") })}
            className="mt-1 w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100"
          >
            Sign out
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => void signOutEverywhere(endAll, href("/sign-in"))}
            className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100"
          >
            Sign out everywhere
          </button>
        </div>
      )}
    </div>
  );
}
