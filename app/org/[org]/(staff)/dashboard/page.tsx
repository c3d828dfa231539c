import type { Metadata } from "next";
import { setupChecklist } from "@/lib/administration/setup-checklist";
import { basePathFor } from "@/lib/pipeline/public-page";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { bookingChannels } from "@/lib/scheduling/schedule-options";
import { tenantHref } from "@/lib/tenancy/href";
import { todayIn } from "@/lib/time/calendar";
import { SetupChecklist } from "./_components/setup-checklist";
import { TodaySchedule } from "./_components/today-schedule";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  const organization = access.tenant.organization;
  const today = todayIn(organization.timeZone);
  const channels = await loadAsStaff(org, null, (ctx) => bookingChannels(ctx));
  const displayName = access.session.user.name?.trim() ?? "";
  const steps = access.permissions.includes("settings:manage")
    ? await loadAsStaff(org, "settings:manage", (ctx) => setupChecklist(ctx))
    : [];
  const basePath = basePathFor(access.tenant.request, organization.slug);
  const showSetup = steps.some((s) => !s.done);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">Welcome{displayName ? `, ${displayName}` : ""}</h1>
          <p className="text-sm text-slate-500">
            {new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeZone: organization.timeZone }).format(new Date())} ·{" "}
            {organization.timeZone.replace(/_/g, " ")}
          </p>
        </div>
        <p className="text-sm text-slate-500">
          Online booking {channels.onlineBooking ? "on" : "off"} · Telehealth {channels.telehealth ? "on" : "off"}
        </p>
      </div>
      {showSetup && <SetupChecklist steps={steps.map((s) => ({ ...s, target: tenantHref(basePath, s.href) }))} />}
      {access.permissions.includes("appointments:read") && <TodaySchedule date={today} />}
    </div>
  );
}
