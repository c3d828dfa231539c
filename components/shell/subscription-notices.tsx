import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { OrgSwitcher, type SwitcherMembership } from "./org-switcher";

/** Subscription past due: everyone keeps working; the notice says so and whom to contact. */
export function PastDueBanner({ displayName, usageHref }: { displayName: string; usageHref: string | null }) {
  return (
    <div role="region" aria-label="Subscription notice" className="border-b border-amber-300 bg-amber-50">
      <p className="mx-auto max-w-6xl px-4 py-2.5 text-sm text-amber-950">
        <span className="font-semibold">Payment is past due</span> for {displayName}&apos;s AgentCare subscription. Service continues for
        now — please contact AgentCare to settle it.
        {usageHref && (
          <>
            {" "}
            <Link href={usageHref} className="font-medium underline">
              Plan and usage
            </Link>
          </>
        )}
      </p>
    </div>
  );
}

/** Subscription cancelled: the staff pages are closed, with a way out (another organization, sign out). */
export function CancelledSubscription({
  displayName,
  memberships,
  currentOrganizationId,
  signInHref,
}: {
  displayName: string;
  memberships: SwitcherMembership[];
  currentOrganizationId: string;
  signInHref: string;
}) {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center gap-4 p-8 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-500">Subscription cancelled</p>
      <h1 className="text-2xl font-semibold">{displayName}&apos;s AgentCare subscription is cancelled</h1>
      <p className="text-slate-600">
        The staff pages are closed while the subscription is cancelled. Nothing has been deleted: an owner of {displayName} can contact
        AgentCare to restart the subscription, and everything will be as it was.
      </p>
      {memberships.length > 1 && (
        <div className="flex flex-col items-center gap-1">
          <p className="text-sm text-slate-600">Go to another of your organizations:</p>
          <OrgSwitcher memberships={memberships} currentOrganizationId={currentOrganizationId} />
        </div>
      )}
      <SignOutButton callbackUrl={signInHref} className="text-sm text-slate-600 underline" />
    </main>
  );
}
