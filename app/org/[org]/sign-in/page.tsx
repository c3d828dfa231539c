import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { BrandMark } from "@/components/shell/brand-mark";
import { safeNextPath } from "@/lib/auth/next-path";
import { platformUrl } from "@/lib/auth/password-reset";
import { signedInUser } from "@/lib/pipeline/platform-page";
import { basePathFor, getPublicTenant, redirectOffCustomDomain } from "@/lib/pipeline/public-page";
import { tenantHref } from "@/lib/tenancy/href";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function TenantSignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ error?: string; next?: string }>;
}) {
  const { org } = await params;
  const { error, next } = await searchParams;
  const tenant = await getPublicTenant(org);
  if (!tenant) notFound();
  redirectOffCustomDomain(tenant, "/sign-in");
  const base = basePathFor(tenant.request, tenant.organization.slug);
  // Back to the page the person asked for, when it is a page of this organization's site.
  const destination = safeNextPath(typeof next === "string" ? next : null, base) ?? tenantHref(base, "/dashboard");
  if (await signedInUser()) redirect(destination);

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
