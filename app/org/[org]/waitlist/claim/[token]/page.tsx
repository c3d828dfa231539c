import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { PatientIntl } from "@/components/i18n/patient-intl";
import { BrandMark } from "@/components/shell/brand-mark";
import { patientLanguage } from "@/lib/i18n/patient-language";
import { basePathFor } from "@/lib/pipeline/public-page";
import { getPublicTenant } from "@/lib/pipeline/public-page";
import { ClaimOffer } from "./_components/claim-offer";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) return { robots: { index: false } };
  const { language } = await patientLanguage(tenant.settings);
  const t = await getTranslations({ locale: language, namespace: "Claim" });
  return { title: t("title"), robots: { index: false } };
}

export default async function ClaimPage({ params }: { params: Promise<{ org: string; token: string }> }) {
  const { org, token } = await params;
  const tenant = await getPublicTenant(org);
  if (!tenant) notFound();
  const { language, offered } = await patientLanguage(tenant.settings);
  return (
    <PatientIntl language={language}>
      <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-6 p-6">
        <div className="flex items-center gap-3">
          <BrandMark branding={tenant.branding} />
          <span className="font-semibold">{tenant.branding.displayName}</span>
          <LanguageSwitcher offered={offered} />
        </div>
        <ClaimOffer basePath={basePathFor(tenant.request, tenant.organization.slug)} token={token} />
      </main>
    </PatientIntl>
  );
}
