import type { Metadata } from "next";
import { NoAccess } from "@/components/staff/page-states";
import { requireStaff } from "@/lib/pipeline/staff-page";
import { PatientRecordView } from "./_components/patient-record";

export const metadata: Metadata = { title: "Patient" };
export const dynamic = "force-dynamic";

export default async function PatientPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("patients:read")) return <NoAccess what="patient records" />;
  return <PatientRecordView id={id} />;
}
