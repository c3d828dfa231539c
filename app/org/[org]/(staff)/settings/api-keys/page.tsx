import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { featureMessage, hasFeature } from "@/lib/billing/plans";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { ApiKeysSettings } from "./_components/api-keys-settings";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

/** What the new-key panel's curl example calls: a read every key may make. */
const EXAMPLE_PATH = "/api/v1/providers";

export default async function ApiKeysSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("api_keys:manage")) return <NoAccess what="API keys" />;
  const { plan } = access.tenant.organization;
  return (
    <ApiKeysSettings planNote={hasFeature(plan, "api_access") ? null : featureMessage(plan, "api_access")} examplePath={EXAMPLE_PATH} />
  );
}
