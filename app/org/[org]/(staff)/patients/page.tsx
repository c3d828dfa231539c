import type { Metadata } from "next";
import Link from "next/link";
import { NoAccess } from "@/components/staff/page-states";
import { countToReconcile } from "@/lib/patients/reconcile";
import { basePathFor } from "@/lib/pipeline/public-page";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { tenantHref } from "@/lib/tenancy/href";
import { PatientSearch } from "./_components/patient-search";

export const metadata: Metadata = { title: "Patients" };
export const dynamic = "force-dynamic";

export default async function PatientsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  if (!access.permissions.includes("patients:read")) return <NoAccess what="patient records" />;
  const toReconcile = await loadAsStaff(org, "patients:read", (ctx) => countToReconcile(ctx));
  const basePath = basePathFor(access.tenant.request, access.tenant.organization.slug);
  return (
    <>
      {toReconcile > 0 && (
        <p className="mb-4 text-sm">
          <Link href={tenantHref(basePath, "/patients/reconcile")} className="font-medium text-[var(--brand-primary)] underline">
            Online bookings to reconcile
          </Link>{" "}
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{toReconcile}</span>
        </p>
      )}
      <PatientSearch />
    </>
  );
}
