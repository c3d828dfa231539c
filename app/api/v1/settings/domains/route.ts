import { listDomains } from "@/lib/administration/settings";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { adminScopeOf } from "@/lib/tenancy/service-context";

export const dynamic = "force-dynamic";

// The organization's domains, each unverified one with the DNS TXT record that proves it.
export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: await listDomains(adminScopeOf(ctx)),
}));
