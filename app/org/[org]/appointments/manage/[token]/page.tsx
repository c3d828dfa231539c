import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PatientPage } from "@/components/public/patient-page";
import { QueryProvider } from "@/components/providers/query-provider";
import { patientLanguage } from "@/lib/i18n/patient-language";
import { hospitalContact } from "@/lib/organizations/contact";
import { basePathFor } from "@/lib/pipeline/public-page";
import { getPublicTenant } from "@/lib/pipeline/public-page";
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
  return (
    <PatientPage tenant={tenant} languages={await patientLanguage(tenant.settings)}>
      <QueryProvider>
        <ManageAppointment
          basePath={base}
          token={token}
          justBooked={booked === "1"}
          contact={hospitalContact(tenant.branding.displayName, tenant.organization.address, tenant.organization.contactInfo)}
        />
      </QueryProvider>
    </PatientPage>
  );
}
