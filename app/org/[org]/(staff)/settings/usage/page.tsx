import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { FEATURE_LABELS, PLANS, PLAN_ORDER } from "@/lib/billing/plans";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { UsageView } from "./_components/usage-view";

export const metadata: Metadata = { title: "Plan and usage" };
export const dynamic = "force-dynamic";

export default async function UsagePage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("settings:manage")) return <NoAccess what="organization settings" />;
  return <UsageView plans={PLAN_ORDER.map((name) => PLANS[name])} featureLabels={FEATURE_LABELS} />;
}
