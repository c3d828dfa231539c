import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { reportFilterChoices } from "@/lib/reports/service";
import { ReportsView } from "./_components/reports-view";

export const metadata: Metadata = { title: "Reports" };
export const dynamic = "force-dynamic";

export default async function ReportsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("reports:read")) return <NoAccess what="reports" />;
  const choices = await loadAsStaff(org, "reports:read", (ctx) => reportFilterChoices(ctx));
  return <ReportsView {...choices} />;
}
