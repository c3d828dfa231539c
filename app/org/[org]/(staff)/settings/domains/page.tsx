import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { config } from "@/lib/config/env";
import { normalizeHost } from "@/lib/tenancy/host";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { DomainsSettings } from "./_components/domains-settings";

export const metadata: Metadata = { title: "Domains" };
export const dynamic = "force-dynamic";

export default async function DomainsSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("settings:manage")) return <NoAccess what="organization settings" />;
  const root = normalizeHost(config().rootDomain) ?? "localhost";
  return (
    <DomainsSettings plan={access.tenant.organization.plan} ownDomain={`${access.tenant.organization.slug}.${root}`} rootHost={root} />
  );
}
