import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SessionBoundary } from "@/components/auth/session-boundary";
import { BrandMark } from "@/components/shell/brand-mark";
import { signedInUser } from "@/lib/pipeline/platform-page";
import { basePathFor, getPublicTenant, redirectOffCustomDomain } from "@/lib/pipeline/public-page";
import { QueryProvider } from "@/components/providers/query-provider";
import { AcceptInvitation } from "./_components/accept-invitation";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ org: string; token: string }> }) {
  const { org, token } = await params;
  const tenant = await getPublicTenant(org);
  if (!tenant) notFound();
  // Accepting signs the person in: that needs the platform's cookie, which custom domains do not get.
  redirectOffCustomDomain(tenant, `/invitations/${encodeURIComponent(token)}`);
  const user = await signedInUser();
  return (
    <main className="flex min-h-screen items-center justify-center p-4 sm:p-6">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <BrandMark branding={tenant.branding} size="lg" />
          <p className="text-sm font-medium text-slate-500">{tenant.branding.displayName}</p>
        </div>
        <SessionBoundary>
          <QueryProvider>
            <AcceptInvitation
              token={token}
              basePath={basePathFor(tenant.request, tenant.organization.slug)}
              organization={{ id: tenant.organization.id, slug: tenant.organization.slug, displayName: tenant.branding.displayName }}
              signedInAs={user ? { email: user.email, name: user.name } : null}
            />
          </QueryProvider>
        </SessionBoundary>
      </div>
    </main>
  );
}
