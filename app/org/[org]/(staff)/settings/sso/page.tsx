import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { SsoSettingsView } from "./_components/sso-settings";

export const metadata: Metadata = { title: "Single sign-on settings" };
export const dynamic = "force-dynamic";

export default async function SsoSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("settings:manage")) return <NoAccess what="organization settings" />;
  return <SsoSettingsView />;
}
