import type { Metadata } from "next";
import Link from "next/link";
import { RESET_LINK_DEAD, resetLinkIsOpen } from "@/lib/auth/password-reset";
import { ResetPasswordForm } from "./_components/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const open = await resetLinkIsOpen(token);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold uppercase tracking-wide text-teal-700">AgentCare</p>
          <h1 className="mt-2 text-xl font-semibold">Choose a new password</h1>
        </div>
        {open ? (
          <ResetPasswordForm token={token} />
        ) : (
          <div className="flex flex-col gap-4">
            <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {RESET_LINK_DEAD}
            </p>
            <Link href="/forgot-password" className="text-center text-sm font-medium text-teal-700 underline">
              Ask for a new link
            </Link>
          </div>
        )}
      </div>
    </main>
  );
}
