import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { featureMessage, hasFeature } from "@/lib/billing/plans";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { BrandingSettings } from "./_components/branding-settings";

export const metadata: Metadata = { title: "Branding" };
export const dynamic = "force-dynamic";

export default async function BrandingSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("settings:manage")) return <NoAccess what="organization settings" />;
  const { plan } = access.tenant.organization;
  return <BrandingSettings brandingUpgrade={hasFeature(plan, "custom_branding") ? null : featureMessage(plan, "custom_branding")} />;
}
