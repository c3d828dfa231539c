import { makeDomainPrimary } from "@/lib/administration/settings";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";
import { idFrom } from "@/lib/pipeline/params";

export const dynamic = "force-dynamic";

// POST — make this (verified) domain the primary one.
export const POST = orgAdminRoute({ permission: "settings:manage" }, async ({ orgId, actor, params }) => ({
  data: await makeDomainPrimary({ orgId, by: actor }, idFrom(params, "domainId", "domain")),
}));
