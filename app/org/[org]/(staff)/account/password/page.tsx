import type { Metadata } from "next";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { ChangePasswordView } from "./_components/change-password-view";

export const metadata: Metadata = { title: "Change password" };
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok" && access.status !== "mfa_required") return null;
  return <ChangePasswordView />;
}
