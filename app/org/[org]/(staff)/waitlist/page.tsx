import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { waitlistFilterChoices } from "@/lib/scheduling/waitlist-staff";
import { WaitlistView } from "./_components/waitlist-view";

export const metadata: Metadata = { title: "Waiting list" };
export const dynamic = "force-dynamic";

export default async function WaitlistPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("patients:read")) return <NoAccess what="the waiting list" />;
  // The filters' choices; the list itself (patients, audited) loads through the page's action.
  const choices = await loadAsStaff(org, "patients:read", (ctx) => waitlistFilterChoices(ctx));
  return <WaitlistView types={choices.types} providers={choices.providers} />;
}
