import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BrandMark } from "@/components/shell/brand-mark";
import { basePathFor } from "@/lib/pipeline/public-page";
import { getPublicTenant } from "@/lib/pipeline/public-page";
import { ClaimOffer } from "./_components/claim-offer";

export const metadata: Metadata = { title: "Claim an appointment", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function ClaimPage({ params }: { params: Promise<{ org: string; token: string }> }) {
  const { org, token } = await params;
  const tenant = await getPublicTenant(org);
  if (!tenant) notFound();
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-6 p-6">
      <div className="flex items-center gap-3">
        <BrandMark branding={tenant.branding} />
        <span className="font-semibold">{tenant.branding.displayName}</span>
      </div>
      <ClaimOffer basePath={basePathFor(tenant.request, tenant.organization.slug)} token={token} />
    </main>
  );
}
