import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { ProviderDetailView } from "./_components/provider-detail";

export const metadata: Metadata = { title: "Provider" };
export const dynamic = "force-dynamic";

export default async function ProviderPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("providers:read")) return <NoAccess what="providers" />;
  return <ProviderDetailView id={id} />;
}
