import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { PROVIDER_PAGE_SIZE } from "@/lib/providers/paging";
import { listProviders } from "@/lib/providers/service";
import { ProviderList } from "./_components/provider-list";

export const metadata: Metadata = { title: "Providers" };
export const dynamic = "force-dynamic";

export default async function ProvidersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("providers:read")) return <NoAccess what="providers" />;
  const firstPage = await loadAsStaff(org, "providers:read", (ctx) => listProviders(ctx, { limit: PROVIDER_PAGE_SIZE }));
  return <ProviderList firstPage={firstPage} />;
}
