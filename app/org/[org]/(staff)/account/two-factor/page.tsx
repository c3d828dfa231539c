import type { Metadata } from "next";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { TwoFactorView } from "./_components/two-factor-view";

export const metadata: Metadata = { title: "Two-factor authentication" };
export const dynamic = "force-dynamic";

export default async function TwoFactorPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok" && access.status !== "mfa_required") return null;
  return <TwoFactorView requiredHere={access.status === "mfa_required"} organizationName={access.tenant.branding.displayName} />;
}
