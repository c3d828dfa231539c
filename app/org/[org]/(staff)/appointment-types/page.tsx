import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { listAppointmentTypes } from "@/lib/appointment-types/service";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { AppointmentTypesView } from "./_components/appointment-types-view";

export const metadata: Metadata = { title: "Appointment types" };
export const dynamic = "force-dynamic";

export default async function AppointmentTypesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("appointments:read")) return <NoAccess what="appointment types" />;
  const types = await loadAsStaff(org, "appointments:read", (ctx) => listAppointmentTypes(ctx));
  return <AppointmentTypesView initial={types} />;
}
