import Link from "next/link";
import { BrandMark } from "@/components/shell/brand-mark";
import { textColorOn } from "@/lib/branding/contrast";
import { basePathFor, getAddressedTenant } from "@/lib/pipeline/public-page";
import { tenantHref } from "@/lib/tenancy/href";

/**
 * A page that does not exist. On a hospital's site (its subdomain, custom domain or /org/{slug} path)
 * it wears the hospital's name, logo and colours and leads back to its home; elsewhere AgentCare's.
 */
export default async function NotFound() {
  const tenant = await getAddressedTenant();
  if (!tenant) {
    return (
      <main className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center gap-4 p-8 text-center">
        <title>Page not found · AgentCare</title>
        <p className="text-sm font-semibold uppercase tracking-wide text-teal-800">AgentCare</p>
        <h1 className="text-2xl font-semibold">We couldn&apos;t find that page</h1>
        <p className="text-slate-700">The address may be mistyped, or the organization it points to does not exist on AgentCare.</p>
        <Link href="/" className="rounded-md bg-teal-800 px-4 py-2 font-medium text-white hover:bg-teal-900">
          Go to the AgentCare home page
        </Link>
      </main>
    );
  }
  const { branding, organization, request } = tenant;
  const base = basePathFor(request, organization.slug);
  const style = {
    "--brand-primary": branding.primaryColor,
    "--brand-on-primary": textColorOn(branding.primaryColor),
  } as React.CSSProperties;
  return (
    <div style={style} className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-2 px-6 py-3">
          <Link href={tenantHref(base, "/")} className="flex items-center gap-2">
            <BrandMark branding={branding} />
            <span className="font-semibold">{branding.displayName}</span>
          </Link>
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center gap-4 p-8 text-center">
        <title>{`Page not found · ${branding.displayName}`}</title>
        <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">Page not found</p>
        <h1 className="text-2xl font-semibold">We couldn&apos;t find that page</h1>
        <p className="text-slate-700">
          This page is not part of {branding.displayName}&apos;s site. The address may be mistyped, or the page has moved.
        </p>
        <Link href={tenantHref(base, "/")} className="rounded-md bg-[var(--brand-primary)] px-4 py-2 font-medium hover:opacity-90">
          Go to {branding.displayName}&apos;s home page
        </Link>
      </main>
    </div>
  );
}
