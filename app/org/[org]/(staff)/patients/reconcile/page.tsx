import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { ReconcileView } from "./_components/reconcile-view";

export const metadata: Metadata = { title: "Online bookings to reconcile" };
export const dynamic = "force-dynamic";

export default async function ReconcilePage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("patients:read")) return <NoAccess what="patient records" />;
  return <ReconcileView canWrite={access.permissions.includes("patients:write")} />;
}
