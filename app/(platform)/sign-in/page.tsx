import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signedInUser } from "@/lib/pipeline/platform-page";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function PlatformSignInPage({ searchParams }: { searchParams: Promise<{ error?: string; next?: string }> }) {
  const { error, next } = await searchParams;
  // Only back to an address-confirmation page of our own; anything else goes to the organization list.
  const destination = next && /^\/confirm\/[A-Za-z0-9_-]{20,100}$/.test(next) ? next : "/orgs";
  if (await signedInUser()) redirect(destination);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold uppercase tracking-wide text-teal-700">AgentCare</p>
          <h1 className="mt-2 text-xl font-semibold">Sign in</h1>
        </div>
        {error === "handoff" && (
          <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            That sign-in link has expired or was already used. Please sign in again.
          </p>
        )}
        <SignInForm redirectTo={destination} />
        <p className="mt-4 text-center text-sm">
          <Link href="/forgot-password" className="font-medium text-teal-700 underline">
            Forgot password?
          </Link>
        </p>
        <p className="mt-6 text-center text-sm text-slate-500">
          New to AgentCare?{" "}
          <Link href="/sign-up" className="font-medium text-teal-700 underline">
            Create your organization
          </Link>
        </p>
      </div>
    </main>
  );
}
