import type { Metadata } from "next";
import { organizationRepo } from "@/lib/organizations/repository";
import { todayIn } from "@/lib/scheduling/time";
import { loadAsStaff, requireStaff } from "@/lib/tenancy/staff-page";
import { TodaySchedule } from "./_components/today-schedule";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  const organization = access.tenant.organization;
  const today = todayIn(organization.timeZone);
  const settings = await loadAsStaff(org, null, (ctx) => organizationRepo(ctx.tx, ctx.orgId).getSettings());
  const firstName = (access.session.user.name ?? "").split(" ").find((w) => !/^dr\.?$/i.test(w)) ?? "";

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">Welcome{firstName ? `, ${firstName}` : ""}</h1>
          <p className="text-sm text-slate-500">
            {new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeZone: organization.timeZone }).format(new Date())} ·{" "}
            {organization.timeZone.replace(/_/g, " ")}
          </p>
        </div>
        <p className="text-sm text-slate-500">
          Online booking {settings.enableOnlineBooking ? "on" : "off"} · Telehealth {settings.enableTelehealth ? "on" : "off"}
        </p>
      </div>
      {access.permissions.includes("appointments:read") && <TodaySchedule date={today} />}
    </div>
  );
}
