import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { PLANS } from "@/lib/billing/plans";
import { config } from "@/lib/config/env";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { GeneralSettings } from "./_components/general-settings";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function GeneralSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("settings:manage")) return <NoAccess what="organization settings" />;
  const { organization } = access.tenant;
  return <GeneralSettings siteHost={`${organization.slug}.${config().rootDomain}`} planLabel={PLANS[organization.plan].label} />;
}
