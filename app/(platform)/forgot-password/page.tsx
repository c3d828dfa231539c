import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold uppercase tracking-wide text-teal-700">AgentCare</p>
          <h1 className="mt-2 text-xl font-semibold">Forgot your password?</h1>
          <p className="mt-2 text-sm text-slate-600">Enter the address you sign in with. We e-mail you a link to choose a new password.</p>
        </div>
        <ForgotPasswordForm />
        <p className="mt-6 text-center text-sm text-slate-500">
          <Link href="/sign-in" className="font-medium text-teal-700 underline">
            Back to sign-in
          </Link>
        </p>
      </div>
    </main>
  );
}
