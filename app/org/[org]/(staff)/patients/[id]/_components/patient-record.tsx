"use client";

import { useState } from "react";
import { todayInZone } from "@/lib/time/wall-clock";
import { unwrap } from "@/components/actions/action-client";
import { PatientForm } from "@/app/org/[org]/(staff)/patients/_components/patient-form";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { DetailState, useDetailQuery } from "@/components/ui/detail-query";
import { SuccessNote, secondaryButton } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { patientRecordAction } from "../../actions";
import { PatientAccess } from "./patient-access";
import { PatientAppointments } from "./patient-appointments";
import { SmsConsent } from "./sms-consent";

/** Age in whole years on `today` (both YYYY-MM-DD). */
function ageOn(dateOfBirth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

const NOT_FOUND_HINT = "It may have been mistyped, or the link belongs to another organization.";

export function PatientRecordView({ id }: { id: string }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const canWrite = usePermission("patients:write");
  const canAudit = usePermission("audit:read");
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const query = useDetailQuery({
    queryKey: staffKeys.patient(tenant.organization.id, id),
    queryFn: () => unwrap(patientRecordAction({ id })),
  });

  if (!query.isSuccess) {
    return <DetailState query={query} noun="patient" listHref={href("/patients")} hint={NOT_FOUND_HINT} />;
  }

  const patient = query.data;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        back={{ href: href("/patients"), label: "Patients" }}
        title={`${patient.firstName} ${patient.lastName}`}
        description={`MRN ${patient.mrn} · born ${patient.dateOfBirth} (age ${ageOn(patient.dateOfBirth, todayInZone(tenant.organization.timeZone))})`}
      />

      <Panel
        title="Details"
        actions={
          canWrite && !editing ? (
            <button
              type="button"
              className={secondaryButton}
              onClick={() => {
                setSaved(null);
                setEditing(true);
              }}
            >
              Edit details
            </button>
          ) : null
        }
      >
        {editing ? (
          <PatientForm
            patient={patient}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              setSaved("Patient details saved.");
            }}
          />
        ) : (
          <div className="flex flex-col gap-3">
            <SuccessNote message={saved} />
            <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm lg:grid-cols-3">
              {[
                ["First name", patient.firstName],
                ["Last name", patient.lastName],
                ["Date of birth", patient.dateOfBirth],
                ["MRN", patient.mrn],
                ["E-mail", patient.email],
                ["Phone", patient.phone],
              ].map(([label, value]) => (
                <div key={label}>
                  <dt className="text-slate-500">{label}</dt>
                  <dd className="break-words font-medium">{value || <span className="font-normal text-slate-400">Not recorded</span>}</dd>
                </div>
              ))}
            </dl>
            <SmsConsent
              patientId={patient.id}
              smsConsentAt={patient.smsConsentAt}
              smsOptedOutAt={patient.smsOptedOutAt}
              canWrite={canWrite}
            />
          </div>
        )}
      </Panel>

      <PatientAppointments upcoming={patient.upcomingAppointments} past={patient.pastAppointments} />

      {canAudit && <PatientAccess patientId={patient.id} />}
    </div>
  );
}
