import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { PatientIntl } from "@/components/i18n/patient-intl";
import { QueryProvider } from "@/components/providers/query-provider";
import { BrandMark } from "@/components/shell/brand-mark";
import { patientLanguage } from "@/lib/i18n/patient-language";
import { hospitalContact } from "@/lib/organizations/contact";
import { basePathFor } from "@/lib/pipeline/public-page";
import { getPublicTenant } from "@/lib/pipeline/public-page";
import { tenantHref } from "@/lib/tenancy/href";
import { ManageAppointment } from "./_components/manage-appointment";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) return { robots: { index: false } };
  const { language } = await patientLanguage(tenant.settings);
  const t = await getTranslations({ locale: language, namespace: "Manage" });
  return { title: t("title"), robots: { index: false } };
}

export default async function ManagePage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; token: string }>;
  searchParams: Promise<{ booked?: string }>;
}) {
  const { org, token } = await params;
  const tenant = await getPublicTenant(org);
  if (!tenant) notFound();
  const base = basePathFor(tenant.request, tenant.organization.slug);
  const { booked } = await searchParams;
  const { language, offered } = await patientLanguage(tenant.settings);
  return (
    <PatientIntl language={language}>
      <div className="flex min-h-screen flex-col">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-3xl items-center gap-3 px-4 py-4">
            <Link href={tenantHref(base, "/")} className="flex min-h-11 items-center gap-3">
              <BrandMark branding={tenant.branding} />
              <span className="font-semibold">{tenant.branding.displayName}</span>
            </Link>
            <LanguageSwitcher offered={offered} />
          </div>
        </header>
        <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
          <QueryProvider>
            <ManageAppointment
              basePath={base}
              token={token}
              justBooked={booked === "1"}
              contact={hospitalContact(tenant.branding.displayName, tenant.organization.address, tenant.organization.contactInfo)}
            />
          </QueryProvider>
        </main>
      </div>
    </PatientIntl>
  );
}
