import { idFrom } from "@/lib/pipeline/params";
import { dnsResolver } from "@/lib/administration/dns-resolver";
import { verifyDomain } from "@/lib/administration/domains";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";

export const dynamic = "force-dynamic";

// POST — checks the DNS TXT record; only a verified domain ever routes.
export const POST = orgAdminRoute({ permission: "settings:manage" }, async ({ orgId, params }) => ({
  data: await verifyDomain(orgId, idFrom(params, "domainId", "domain"), dnsResolver()),
}));
