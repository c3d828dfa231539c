import type { Metadata } from "next";
import Link from "next/link";
import { signedInUser } from "@/lib/pipeline/platform-page";
import { config } from "@/lib/config/env";
import { QueryProvider } from "@/components/providers/query-provider";
import { SignUpForm } from "./_components/sign-up-form";

export const metadata: Metadata = { title: "Create your organization" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  const user = await signedInUser();
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <Link href="/" className="text-sm font-semibold uppercase tracking-wide text-teal-700">
            AgentCare
          </Link>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight">Create your organization</h1>
          <p className="mt-1 text-slate-600">
            Your hospital or clinic gets its own site, its own branding and its own data. It takes a minute.
          </p>
        </div>
        <p className="text-sm text-slate-600">
          Already on AgentCare?{" "}
          <Link href="/sign-in" className="font-medium text-teal-700 underline">
            Sign in
          </Link>
        </p>
      </header>
      {user && (
        <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
          You are signed in as {user.email}. The new organization gets the first administrator named below, once that person confirms their
          e-mail address.
        </p>
      )}
      <QueryProvider>
        <SignUpForm rootDomain={config().rootDomain} />
      </QueryProvider>
    </main>
  );
}
