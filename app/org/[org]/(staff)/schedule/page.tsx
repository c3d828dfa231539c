import type { Metadata } from "next";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { scheduleOptions } from "@/lib/scheduling/schedule-options";
import { todayIn } from "@/lib/time/calendar";
import { ScheduleView } from "./_components/schedule-view";

export const metadata: Metadata = { title: "Schedule" };
export const dynamic = "force-dynamic";

export default async function SchedulePage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  const options = await loadAsStaff(org, "appointments:read", (ctx) => scheduleOptions(ctx));
  return (
    <ScheduleView
      today={todayIn(access.tenant.organization.timeZone)}
      options={options}
      clinicianView={access.membership.role === "clinician"}
    />
  );
}
