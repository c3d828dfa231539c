import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { NotFoundError } from "@/lib/errors/app-error";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { providerDetail } from "@/lib/providers/service";
import { idParam } from "@/lib/validation/fields";
import { ProviderDetailView } from "./_components/provider-detail";

export const metadata: Metadata = { title: "Provider" };
export const dynamic = "force-dynamic";

export default async function ProviderPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("providers:read")) return <NoAccess what="providers" />;
  // Not this organization's provider (or not an id at all): the view says so.
  const provider = idParam.safeParse(id).success
    ? await loadAsStaff(org, "providers:read", (ctx) => providerDetail(ctx, id)).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      })
    : null;
  return <ProviderDetailView id={id} initial={provider} />;
}
