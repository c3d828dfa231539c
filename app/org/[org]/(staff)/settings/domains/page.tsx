import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { featureMessage, hasFeature } from "@/lib/billing/plans";
import { rootHost, subdomainOf } from "@/lib/organizations/addresses";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { DomainsSettings } from "./_components/domains-settings";

export const metadata: Metadata = { title: "Domains" };
export const dynamic = "force-dynamic";

export default async function DomainsSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("settings:manage")) return <NoAccess what="organization settings" />;
  const { slug, plan } = access.tenant.organization;
  return (
    <DomainsSettings
      ownDomain={subdomainOf(slug)}
      rootHost={rootHost()}
      domainsUpgrade={hasFeature(plan, "custom_domains") ? null : featureMessage(plan, "custom_domains")}
    />
  );
}
