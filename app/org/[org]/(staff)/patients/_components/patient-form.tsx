"use client";

import { todayInZone } from "@/components/scheduling/format";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { Field, FormAlert, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { staffKeys } from "@/components/staff/query-keys";
import type { Patient } from "@/lib/db/schema";
import { createPatientAction, updatePatientAction } from "../actions";

const FIELDS = ["firstName", "lastName", "dateOfBirth", "mrn", "email", "phone"] as const;
type PatientFields = { firstName: string; lastName: string; dateOfBirth: string; mrn?: string; email: string; phone: string };

const CONFLICT_FIELDS = { patient_mrn: "mrn", patient_email: "email" };

/** Registers a patient or edits one; every server field error sits beside its input. */
export function PatientForm({
  patient,
  onSaved,
  onCancel,
}: {
  patient?: Patient;
  onSaved: (patient: Patient) => void;
  onCancel?: () => void;
}) {
  const tenant = useTenant();
  const mutation = useActionMutation(
    (input: PatientFields) => (patient ? updatePatientAction({ ...input, id: patient.id }) : createPatientAction(input)),
    { invalidate: [staffKeys.patients(tenant.organization.id)], conflictFields: CONFLICT_FIELDS, onSuccess: onSaved },
  );
  const { errors, setErrors } = mutation;

  const fe = errors.fieldErrors;
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const get = (k: string) => String(form.get(k) ?? "").trim();
        const mrn = get("mrn");
        if (patient && !mrn) {
          // The API would let a blank MRN through to a database check with a cryptic message.
          setErrors({
            formError: "Please correct the highlighted field.",
            fieldErrors: { mrn: ["Enter the MRN; every patient keeps one."] },
          });
          return;
        }
        mutation.mutate({
          firstName: get("firstName"),
          lastName: get("lastName"),
          dateOfBirth: get("dateOfBirth"),
          // A new patient without an MRN gets a generated one; an existing MRN cannot be blanked.
          mrn: patient ? mrn : mrn || undefined,
          email: get("email"),
          phone: get("phone"),
        });
      }}
    >
      <div className="sm:col-span-2">
        <FormAlert message={errors.formError} fieldErrors={fe} shownFields={FIELDS} />
      </div>
      <Field
        name="firstName"
        label="First name"
        required
        autoComplete="off"
        defaultValue={patient?.firstName}
        errors={fe.firstName}
        maxLength={80}
      />
      <Field
        name="lastName"
        label="Last name"
        required
        autoComplete="off"
        defaultValue={patient?.lastName}
        errors={fe.lastName}
        maxLength={80}
      />
      <Field
        name="dateOfBirth"
        label="Date of birth"
        type="date"
        required
        max={todayInZone(tenant.organization.timeZone)}
        defaultValue={patient?.dateOfBirth}
        errors={fe.dateOfBirth}
      />
      <Field
        name="mrn"
        label="MRN (medical record number)"
        required={Boolean(patient)}
        hint={patient ? undefined : "Leave empty to generate one."}
        autoComplete="off"
        defaultValue={patient?.mrn}
        errors={fe.mrn}
        maxLength={40}
      />
      <Field name="email" label="E-mail" type="email" autoComplete="off" defaultValue={patient?.email ?? undefined} errors={fe.email} />
      <Field name="phone" label="Phone" type="tel" autoComplete="off" defaultValue={patient?.phone ?? undefined} errors={fe.phone} />
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <button type="submit" disabled={mutation.isPending} className={primaryButton}>
          {mutation.isPending ? "Saving…" : patient ? "Save changes" : "Register patient"}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className={secondaryButton}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
