"use client";

import { useActionMutation } from "@/components/actions/use-action-mutation";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CheckboxField, Field, FormAlert, TextAreaField, primaryButton, secondaryButton } from "@/components/ui/form-field";
import type { AppointmentType } from "@/lib/db/schema";
import { createAppointmentTypeAction, updateAppointmentTypeAction } from "../actions";

const FIELDS = [
  "name",
  "description",
  "durationMinutes",
  "bufferBeforeMinutes",
  "bufferAfterMinutes",
  "telehealthAllowed",
  "onlineBookable",
  "active",
] as const;
const CONFLICT_FIELDS = { appointment_type_name: "name" };

type AppointmentTypeFields = {
  name: string;
  description: string;
  durationMinutes: number | "";
  bufferBeforeMinutes: number | "";
  bufferAfterMinutes: number | "";
  telehealthAllowed: boolean;
  onlineBookable: boolean;
  active: boolean;
};

/** Creates an appointment type or edits one; every server field error sits beside its input. */
export function AppointmentTypeForm({
  type,
  onSaved,
  onCancel,
}: {
  type?: AppointmentType;
  onSaved: (type: AppointmentType) => void;
  onCancel: () => void;
}) {
  const tenant = useTenant();
  const mutation = useActionMutation(
    // Numbers go as typed: the server's validation explains an empty or invalid value.
    (input: AppointmentTypeFields) => (type ? updateAppointmentTypeAction({ ...input, id: type.id }) : createAppointmentTypeAction(input)),
    { invalidate: [staffKeys.appointmentTypes(tenant.organization.id)], conflictFields: CONFLICT_FIELDS, onSuccess: onSaved },
  );
  const { errors } = mutation;

  const fe = errors.fieldErrors;
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const get = (k: string) => String(form.get(k) ?? "").trim();
        const num = (k: string) => (get(k) === "" ? "" : Number(get(k)));
        mutation.mutate({
          name: get("name"),
          description: get("description"),
          durationMinutes: num("durationMinutes"),
          bufferBeforeMinutes: get("bufferBeforeMinutes") === "" ? 0 : num("bufferBeforeMinutes"),
          bufferAfterMinutes: get("bufferAfterMinutes") === "" ? 0 : num("bufferAfterMinutes"),
          telehealthAllowed: form.get("telehealthAllowed") === "on",
          onlineBookable: form.get("onlineBookable") === "on",
          active: form.get("active") === "on",
        });
      }}
    >
      <div className="sm:col-span-3">
        <FormAlert message={errors.formError} fieldErrors={fe} shownFields={FIELDS} />
      </div>
      <Field
        name="name"
        label="Name"
        required
        defaultValue={type?.name}
        errors={fe.name}
        maxLength={80}
        className="sm:col-span-3"
        placeholder="New patient visit"
      />
      <TextAreaField
        name="description"
        label="Description"
        defaultValue={type?.description}
        errors={fe.description}
        maxLength={500}
        className="sm:col-span-3"
      />
      <Field
        name="durationMinutes"
        label="Duration (minutes)"
        type="number"
        required
        inputMode="numeric"
        min={5}
        max={480}
        step={5}
        defaultValue={type?.durationMinutes ?? tenant.settings.defaultAppointmentDuration}
        errors={fe.durationMinutes}
      />
      <Field
        name="bufferBeforeMinutes"
        label="Buffer before (minutes)"
        type="number"
        required
        inputMode="numeric"
        min={0}
        max={240}
        step={5}
        defaultValue={type?.bufferBeforeMinutes ?? 0}
        errors={fe.bufferBeforeMinutes}
        hint="Kept free before the visit."
      />
      <Field
        name="bufferAfterMinutes"
        label="Buffer after (minutes)"
        type="number"
        required
        inputMode="numeric"
        min={0}
        max={240}
        step={5}
        defaultValue={type?.bufferAfterMinutes ?? 0}
        errors={fe.bufferAfterMinutes}
        hint="Kept free after the visit."
      />
      <fieldset className="flex flex-col gap-3 sm:col-span-3">
        <legend className="mb-2 text-sm font-medium text-slate-700">Options</legend>
        <CheckboxField
          name="telehealthAllowed"
          label="Telehealth allowed"
          defaultChecked={type?.telehealthAllowed ?? false}
          errors={fe.telehealthAllowed}
          hint={
            tenant.settings.enableTelehealth
              ? "Can be booked as a video visit with providers who offer telehealth."
              : "Telehealth is turned off for the whole organization at the moment."
          }
        />
        <CheckboxField
          name="onlineBookable"
          label="Bookable online"
          defaultChecked={type?.onlineBookable ?? true}
          errors={fe.onlineBookable}
          hint="Patients can choose it on the booking site; otherwise only staff can book it."
        />
        <CheckboxField
          name="active"
          label="Active"
          defaultChecked={type?.active ?? true}
          errors={fe.active}
          hint="Inactive types cannot be booked; existing appointments are kept."
        />
      </fieldset>
      <div className="flex flex-wrap gap-2 sm:col-span-3">
        <button type="submit" disabled={mutation.isPending} className={primaryButton}>
          {mutation.isPending ? "Saving…" : type ? "Save changes" : "Create appointment type"}
        </button>
        <button type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </form>
  );
}
