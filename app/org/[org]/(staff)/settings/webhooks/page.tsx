import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { featureMessage, hasFeature } from "@/lib/billing/plans";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { WebhooksSettings } from "./_components/webhooks-settings";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("settings:manage")) return <NoAccess what="webhooks" />;
  const { plan } = access.tenant.organization;
  return <WebhooksSettings planNote={hasFeature(plan, "api_access") ? null : featureMessage(plan, "api_access")} />;
}
