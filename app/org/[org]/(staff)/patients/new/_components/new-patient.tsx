"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { PatientForm } from "@/app/org/[org]/(staff)/patients/_components/patient-form";
import { useTenantHref } from "@/components/tenancy/tenant-provider";

export function NewPatient() {
  const router = useRouter();
  const href = useTenantHref();
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <Link href={href("/patients")} className="text-sm text-slate-500 hover:underline">
          ← Patients
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">New patient</h1>
        <p className="text-sm text-slate-500">MRN and e-mail address must be unique within this organization.</p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <PatientForm onSaved={(patient) => router.push(href(`/patients/${patient.id}`))} onCancel={() => router.push(href("/patients"))} />
      </div>
    </div>
  );
}
