import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { NewPatient } from "./_components/new-patient";

export const metadata: Metadata = { title: "New patient" };
export const dynamic = "force-dynamic";

export default async function NewPatientPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("patients:write")) return <NoAccess what="registering patients" />;
  return <NewPatient />;
}
