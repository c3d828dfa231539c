import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { PatientSearch } from "./_components/patient-search";

export const metadata: Metadata = { title: "Patients" };
export const dynamic = "force-dynamic";

export default async function PatientsPage({ params }: { params: Promise<{ org: string }> }) {
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("patients:read")) return <NoAccess what="patient records" />;
  return <PatientSearch />;
}
