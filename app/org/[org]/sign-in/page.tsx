import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { BrandMark } from "@/components/shell/brand-mark";
import { safeNextPath } from "@/lib/auth/next-path";
import { platformUrl } from "@/lib/auth/password-reset";
import { signedInUser } from "@/lib/pipeline/platform-page";
import { basePathFor, getPublicTenant, redirectOffCustomDomain } from "@/lib/pipeline/public-page";
import { isSsoFailure, SSO_FAILURES } from "@/lib/sso/messages";
import { ssoSignInOption } from "@/lib/sso/service";
import { tenantHref } from "@/lib/tenancy/href";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function TenantSignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ error?: string; next?: string; sso?: string }>;
}) {
  const { org } = await params;
  const { error, next, sso: ssoNotice } = await searchParams;
  const tenant = await getPublicTenant(org);
  if (!tenant) notFound();
  redirectOffCustomDomain(tenant, "/sign-in");
  const base = basePathFor(tenant.request, tenant.organization.slug);
  // Back to the page the person asked for, when it is a page of this organization's site.
  const destination = safeNextPath(typeof next === "string" ? next : null, base) ?? tenantHref(base, "/dashboard");
  const ssoFailure = typeof error === "string" && error.startsWith("sso_") ? error.slice(4) : undefined;
  // Sent here because the organization requires single sign-on: a session made another way stays
  // signed in elsewhere, but must come through the provider for this organization.
  const user = await signedInUser();
  const reachesThis = user && (!user.ssoOrganizationId || user.ssoOrganizationId === tenant.organization.id);
  if (ssoNotice !== "required" && reachesThis) redirect(destination);
  const sso = await ssoSignInOption(tenant.organization.id);
  const ssoStart = `${tenantHref(base, "/api/v1/public/sso/start")}?next=${encodeURIComponent(destination)}`;

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <BrandMark branding={tenant.branding} size="lg" />
          <h1 className="text-xl font-semibold">Sign in to {tenant.branding.displayName}</h1>
          <p className="text-sm text-slate-500">For staff and clinicians</p>
        </div>
        {error === "handoff" && (
          <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            That sign-in link has expired or was already used. Please sign in again.
          </p>
        )}
        {isSsoFailure(ssoFailure) && (
          <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {SSO_FAILURES[ssoFailure]}
          </p>
        )}
        {sso.available && (
          <div className="mb-6 flex flex-col gap-3">
            {(sso.required || ssoNotice === "required") && (
              <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
                {tenant.branding.displayName} signs staff in through its own account system. Owners can still use their password.
              </p>
            )}
            <a
              href={ssoStart}
              className="flex min-h-11 items-center justify-center rounded-md bg-[var(--brand-primary)] px-4 py-2 text-center font-medium text-white hover:opacity-90"
            >
              Sign in with your {tenant.branding.displayName} account
            </a>
            <p className="text-center text-xs text-slate-500">or with your AgentCare e-mail and password</p>
          </div>
        )}
        <SignInForm organizationKey={tenant.organization.slug} redirectTo={destination} />
        <p className="mt-4 text-center text-sm">
          {/* Accounts belong to the platform, not one hospital: the reset happens on the main site. */}
          <a href={platformUrl("/forgot-password")} className="font-medium underline">
            Forgot password?
          </a>
        </p>
        <p className="mt-6 text-center text-sm text-slate-500">
          <Link href={tenantHref(base, "/")} className="underline">
            Back to {tenant.branding.displayName}
          </Link>
        </p>
      </div>
    </main>
  );
}
