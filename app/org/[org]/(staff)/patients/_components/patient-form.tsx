"use client";

import { todayInZone } from "@/lib/time/wall-clock";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { Field } from "@/components/ui/form-field";
import { RecordForm, useRecordForm, type RecordFormCallbacks, type RecordFormSpec } from "@/components/ui/form-record";
import type { FormValues } from "@/components/ui/form-values";
import { staffKeys } from "@/components/staff/query-keys";
import type { Patient } from "@/lib/db/schema";
import { createPatientAction, updatePatientAction } from "../actions";

type PatientFields = { firstName: string; lastName: string; dateOfBirth: string; mrn?: string; email: string; phone: string };

const PATIENT_FORM: RecordFormSpec<PatientFields, Patient> = {
  create: createPatientAction,
  update: updatePatientAction,
  fields: ["firstName", "lastName", "dateOfBirth", "mrn", "email", "phone"],
  conflictFields: { patient_mrn: "mrn", patient_email: "email" },
};

/** Registers a patient or edits one; every server field error sits beside its input. */
export function PatientForm({ patient, onSaved, onCancel }: { patient?: Patient } & RecordFormCallbacks<Patient>) {
  const tenant = useTenant();
  const form = useRecordForm(patient, PATIENT_FORM, { invalidate: [staffKeys.patients(tenant.organization.id)], onSaved });
  const { field } = form;

  const submit = ({ text, texts }: FormValues) => {
    const mrn = text("mrn");
    if (patient && !mrn) {
      // The API would let a blank MRN through to a database check with a cryptic message.
      form.mutation.setErrors({
        formError: "Please correct the highlighted field.",
        fieldErrors: { mrn: ["Enter the MRN; every patient keeps one."] },
      });
      return;
    }
    // A new patient without an MRN gets a generated one; an existing MRN cannot be blanked.
    form.mutation.mutate({ ...texts(["firstName", "lastName", "dateOfBirth", "email", "phone"]), mrn: patient ? mrn : mrn || undefined });
  };

  return (
    <RecordForm form={form} submitLabel={patient ? "Save changes" : "Register patient"} onCancel={onCancel} onSubmit={submit}>
      <Field {...field("firstName")} label="First name" required autoComplete="off" maxLength={80} />
      <Field {...field("lastName")} label="Last name" required autoComplete="off" maxLength={80} />
      <Field {...field("dateOfBirth")} label="Date of birth" type="date" required max={todayInZone(tenant.organization.timeZone)} />
      <Field
        {...field("mrn")}
        label="MRN (medical record number)"
        required={Boolean(patient)}
        hint={patient ? undefined : "Leave empty to generate one."}
        autoComplete="off"
        maxLength={40}
      />
      <Field {...field("email")} label="E-mail" type="email" autoComplete="off" />
      <Field {...field("phone")} label="Phone" type="tel" autoComplete="off" />
    </RecordForm>
  );
}
