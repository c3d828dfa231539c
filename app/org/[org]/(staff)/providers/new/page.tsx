import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { NewProvider } from "./_components/new-provider";

export const metadata: Metadata = { title: "New provider" };
export const dynamic = "force-dynamic";

export default async function NewProviderPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("providers:manage")) return <NoAccess what="managing providers" />;
  return <NewProvider />;
}
