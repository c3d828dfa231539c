import type { Metadata } from "next";
import { SessionBoundary } from "@/components/auth/session-boundary";
import { SignOutEverywhereProvider } from "@/components/auth/sign-out-everywhere";
import { QueryProvider } from "@/components/providers/query-provider";
import { StaffShell } from "@/components/shell/staff-shell";
import { CancelledSubscription, PastDueBanner } from "@/components/shell/subscription-notices";
import { TenantProvider } from "@/components/tenancy/tenant-provider";
import { ToastProvider } from "@/components/ui/toast";
import { basePathFor } from "@/lib/pipeline/public-page";
import { config } from "@/lib/config/env";
import { tenantHref } from "@/lib/tenancy/href";
import { organizationsOfSignedInUser } from "@/lib/pipeline/platform-page";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { signOutEverywhereAction } from "./actions";

export const dynamic = "force-dynamic";
// Staff pages are never for search engines (robots.txt says so too).
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function StaffLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status === "suspended") {
    return (
      <main className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center gap-3 p-8 text-center">
        <h1 className="text-2xl font-semibold">{access.tenant.branding.displayName} is suspended</h1>
        <p className="text-slate-600">
          This organization&apos;s AgentCare account is not active at the moment, so its staff pages are closed. Its administrators can
          contact AgentCare support to restore access. No data has been removed.
        </p>
      </main>
    );
  }
  const { tenant, session, membership, permissions } = access;
  const memberships = await organizationsOfSignedInUser();
  const basePath = basePathFor(tenant.request, tenant.organization.slug);
  const switcher = memberships.map((m) => ({ organizationId: m.organizationId, name: m.name, slug: m.slug, role: m.role }));
  const subscription = tenant.organization.subscriptionStatus;
  if (subscription === "cancelled") {
    return (
      <SessionBoundary>
        <CancelledSubscription
          displayName={tenant.branding.displayName}
          memberships={switcher}
          currentOrganizationId={tenant.organization.id}
          signInHref={tenantHref(basePath, "/sign-in")}
        />
      </SessionBoundary>
    );
  }

  return (
    <SessionBoundary>
      <QueryProvider>
        <ToastProvider>
          <TenantProvider
            value={{
              organization: {
                id: tenant.organization.id,
                name: tenant.organization.name,
                slug: tenant.organization.slug,
                timeZone: tenant.organization.timeZone,
              },
              branding: {
                displayName: tenant.branding.displayName,
                logoUrl: tenant.branding.logoUrl,
                primaryColor: tenant.branding.primaryColor,
                accentColor: tenant.branding.accentColor,
              },
              settings: {
                enableOnlineBooking: tenant.settings.enableOnlineBooking,
                enableTelehealth: tenant.settings.enableTelehealth,
                defaultAppointmentDuration: tenant.settings.defaultAppointmentDuration,
              },
              permissions,
              role: membership.role,
              basePath,
            }}
          >
            <SignOutEverywhereProvider action={signOutEverywhereAction}>
              <StaffShell
                user={{ name: session.user.name ?? session.user.email ?? "Signed in", email: session.user.email ?? "" }}
                memberships={switcher}
                rootDomain={config().rootDomain}
                banner={
                  subscription === "past_due" ? (
                    <PastDueBanner
                      displayName={tenant.branding.displayName}
                      usageHref={permissions.includes("settings:manage") ? tenantHref(basePath, "/settings/usage") : null}
                    />
                  ) : null
                }
              >
                {children}
              </StaffShell>
            </SignOutEverywhereProvider>
          </TenantProvider>
        </ToastProvider>
      </QueryProvider>
    </SessionBoundary>
  );
}
