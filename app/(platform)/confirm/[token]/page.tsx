import type { Metadata } from "next";
import Link from "next/link";
import { CONFIRM_LINK_DEAD, describeOwnerConfirmation } from "@/lib/administration/owner-confirmation";
import { config } from "@/lib/config/env";
import { signedInUser } from "@/lib/pipeline/platform-page";
import { readRequest } from "@/lib/pipeline/request";
import { organizationUrl } from "@/lib/tenancy/href";
import { ConfirmOwnerButton } from "./_components/confirm-owner-button";

export const metadata: Metadata = { title: "Confirm your address", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

// Opening the link changes nothing (mail scanners follow links); the button does.
export default async function ConfirmOwnerPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const pending = await describeOwnerConfirmation(token);
  const user = await signedInUser();
  const { protocol } = await readRequest();
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold uppercase tracking-wide text-teal-700">AgentCare</p>
          <h1 className="mt-2 text-xl font-semibold">{pending ? `Take charge of ${pending.organization.name}` : "Confirm your address"}</h1>
        </div>
        {!pending ? (
          <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {CONFIRM_LINK_DEAD}
          </p>
        ) : pending.existingAccountId && user?.id !== pending.existingAccountId ? (
          <div className="flex flex-col gap-3 text-sm text-slate-700">
            <p>
              {pending.email} already has an AgentCare account. Sign in with it (your own password), then open this link again to become the
              owner.
            </p>
            <Link
              href={`/sign-in?next=${encodeURIComponent(`/confirm/${token}`)}`}
              className="text-center font-medium text-teal-700 underline"
            >
              Sign in as {pending.email}
            </Link>
          </div>
        ) : (
          <div className="flex flex-col gap-3 text-sm text-slate-700">
            <p>
              {pending.existingAccountId
                ? `Accept to become the owner of ${pending.organization.name} with your account ${pending.email}.`
                : `Confirm that ${pending.email} is your address: your account is created with the password you chose, as the owner of ${pending.organization.name}.`}
            </p>
            <ConfirmOwnerButton
              token={token}
              label={pending.existingAccountId ? "Accept ownership" : "Confirm and create my account"}
              signInUrl={organizationUrl({ slug: pending.organization.slug, rootDomain: config().rootDomain, protocol, path: "/sign-in" })}
            />
          </div>
        )}
      </div>
    </main>
  );
}
