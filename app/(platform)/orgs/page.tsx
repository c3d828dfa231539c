import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SessionBoundary } from "@/components/auth/session-boundary";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { GoToOrganization } from "@/components/orgs/go-to-organization";
import { organizationsOfSignedInUser, signedInUser } from "@/lib/pipeline/platform-page";
import { ROLE_LABELS } from "@/lib/tenancy/permissions";

export const metadata: Metadata = { title: "Your organizations" };
export const dynamic = "force-dynamic";

export default async function OrganizationsPage() {
  const user = await signedInUser();
  if (!user) redirect("/sign-in");
  const memberships = await organizationsOfSignedInUser();
  const operator = user.operator;

  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col gap-6 p-8">
      <header className="flex items-center justify-between">
        <div>
          <p className="text-sm font-semibold uppercase tracking-wide text-teal-700">AgentCare</p>
          <h1 className="text-2xl font-semibold">Choose an organization</h1>
          <p className="text-sm text-slate-500">Signed in as {user.email}</p>
        </div>
        <SignOutButton className="text-sm text-slate-600 underline" callbackUrl="/sign-in" />
      </header>
      {operator && (
        <p className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-teal-200 bg-teal-50 px-4 py-3 text-sm text-teal-950">
          <span>You are an AgentCare platform operator.</span>
          <Link href="/admin" className="font-medium underline">
            Open the operator console
          </Link>
        </p>
      )}
      {memberships.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">
          Your account is not a member of any organization yet. Ask an administrator of your hospital to invite you, or{" "}
          <Link href="/sign-up" className="font-medium text-teal-700 underline">
            create a new organization
          </Link>
          .
        </p>
      ) : (
        <SessionBoundary>
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
            {memberships.map((m) => (
              <li key={m.organizationId} className="flex items-center justify-between gap-4 p-4">
                <div>
                  <p className="font-medium">{m.name}</p>
                  <p className="text-sm text-slate-500">
                    {ROLE_LABELS[m.role]}
                    {m.status !== "active" ? " · suspended" : ""}
                  </p>
                </div>
                <GoToOrganization organizationId={m.organizationId} label="Open" />
              </li>
            ))}
          </ul>
        </SessionBoundary>
      )}
    </main>
  );
}
