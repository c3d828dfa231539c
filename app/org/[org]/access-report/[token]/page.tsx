import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PatientPage } from "@/components/public/patient-page";
import { patientLanguage } from "@/lib/i18n/patient-language";
import { basePathFor, getPublicTenant } from "@/lib/pipeline/public-page";
import { AccessReportView } from "./_components/access-report-view";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) return { robots: { index: false } };
  const { language } = await patientLanguage(tenant.settings);
  const t = await getTranslations({ locale: language, namespace: "AccessReport" });
  return { title: t("reportTitle"), robots: { index: false } };
}

// The report a link from the e-mail opens; the page reads it from the public endpoint in the browser.
export default async function AccessReportPage({ params }: { params: Promise<{ org: string; token: string }> }) {
  const { org, token } = await params;
  const tenant = await getPublicTenant(org);
  if (!tenant) notFound();
  return (
    <PatientPage tenant={tenant} languages={await patientLanguage(tenant.settings)} width="wide">
      <AccessReportView basePath={basePathFor(tenant.request, tenant.organization.slug)} token={token} />
    </PatientPage>
  );
}
