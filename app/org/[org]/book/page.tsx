import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { HospitalContact } from "@/components/scheduling/hospital-contact";
import { hospitalContact } from "@/lib/organizations/contact";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { PatientIntl } from "@/components/i18n/patient-intl";
import { BrandMark } from "@/components/shell/brand-mark";
import { patientLanguage } from "@/lib/i18n/patient-language";
import { basePathFor } from "@/lib/pipeline/public-page";
import { getPublicTenant } from "@/lib/pipeline/public-page";
import { tenantHref } from "@/lib/tenancy/href";
import { BookingFlow } from "./_components/booking-flow";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) return {};
  const { language } = await patientLanguage(tenant.settings);
  const t = await getTranslations({ locale: language, namespace: "BookPage" });
  return { title: t("title") };
}

export default async function BookPage({ params }: { params: Promise<{ org: string }> }) {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) notFound();
  const base = basePathFor(tenant.request, tenant.organization.slug);
  const { branding, settings, organization } = tenant;
  const { language, offered } = await patientLanguage(settings);
  const t = await getTranslations({ locale: language, namespace: "BookPage" });

  return (
    <PatientIntl language={language}>
      <div className="flex min-h-screen flex-col">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-4xl items-center gap-3 px-4 py-4">
            {/* A plain link: leaving the booking for the hospital's page needs no client-side router code on this page. */}
            <a href={tenantHref(base, "/")} className="flex min-h-11 items-center gap-3">
              <BrandMark branding={branding} />
              <span className="font-semibold">{branding.displayName}</span>
            </a>
            <LanguageSwitcher offered={offered} />
          </div>
        </header>
        <main className="mx-auto w-full max-w-4xl flex-1 px-4 py-8">
          <h1 className="mb-6 text-2xl font-semibold">{t("title")}</h1>
          {settings.enableOnlineBooking ? (
            <Suspense fallback={<p className="text-slate-600">{t("loading")}</p>}>
              <BookingFlow basePath={base} />
            </Suspense>
          ) : (
            <section aria-label={t("unavailableLabel")} className="rounded-lg border border-slate-200 bg-white p-6">
              <HospitalContact
                contact={hospitalContact(branding.displayName, organization.address, organization.contactInfo)}
                lead={t("unavailableLead", { name: branding.displayName })}
              />
            </section>
          )}
        </main>
      </div>
    </PatientIntl>
  );
}
