import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PatientPage } from "@/components/public/patient-page";
import { patientLanguage } from "@/lib/i18n/patient-language";
import { getPublicTenant } from "@/lib/pipeline/public-page";
import { ConfirmEmail } from "./_components/confirm-email";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const tenant = await getPublicTenant((await params).org);
  if (!tenant) return { robots: { index: false } };
  const { language } = await patientLanguage(tenant.settings);
  const t = await getTranslations({ locale: language, namespace: "ConfirmEmail" });
  return { title: t("title"), robots: { index: false } };
}

// A button, not an automatic request: mail scanners that open links must not confirm for the visitor.
export default async function ConfirmEmailPage({ params }: { params: Promise<{ org: string; token: string }> }) {
  const { org, token } = await params;
  const tenant = await getPublicTenant(org);
  if (!tenant) notFound();
  return (
    <PatientPage tenant={tenant} languages={await patientLanguage(tenant.settings)}>
      <ConfirmEmail token={token} />
    </PatientPage>
  );
}
