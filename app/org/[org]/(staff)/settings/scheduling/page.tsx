import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { featureMessage, hasFeature } from "@/lib/billing/plans";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { SchedulingSettingsView } from "./_components/scheduling-settings";

export const metadata: Metadata = { title: "Scheduling settings" };
export const dynamic = "force-dynamic";

export default async function SchedulingSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("settings:manage")) return <NoAccess what="organization settings" />;
  const { plan } = access.tenant.organization;
  return <SchedulingSettingsView telehealthUpgrade={hasFeature(plan, "telehealth") ? null : featureMessage(plan, "telehealth")} />;
}
