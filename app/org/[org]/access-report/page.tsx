import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PatientPage } from "@/components/public/patient-page";
import { patientLanguage } from "@/lib/i18n/patient-language";
import { getPublicTenant } from "@/lib/pipeline/public-page";
import { RequestAccessReport } from "./_components/request-access-report";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) return {};
  const { language } = await patientLanguage(tenant.settings);
  const t = await getTranslations({ locale: language, namespace: "AccessReport" });
  return { title: t("requestTitle") };
}

// Anyone may ask; the report goes only to the mailbox of the record's e-mail address.
export default async function AccessReportRequestPage({ params }: { params: Promise<{ org: string }> }) {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) notFound();
  return (
    <PatientPage tenant={tenant} languages={await patientLanguage(tenant.settings)}>
      <RequestAccessReport hospital={tenant.branding.displayName} />
    </PatientPage>
  );
}
