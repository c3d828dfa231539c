import { verificationRecord } from "@/lib/administration/domains";
import { organizationRepo } from "@/lib/organizations/repository";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// The organization's domains, each unverified one with the DNS TXT record that proves it.
export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({
  data: (await organizationRepo(ctx.tx, ctx.orgId).listDomains()).map((d) => ({
    id: d.id,
    domain: d.domain,
    isPrimary: d.isPrimary,
    verifiedAt: d.verifiedAt,
    createdAt: d.createdAt,
    verification: d.verifiedAt ? null : verificationRecord(d.domain, d.verificationToken),
  })),
}));
