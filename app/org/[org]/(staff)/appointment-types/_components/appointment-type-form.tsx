"use client";

import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CheckboxField, Field, NumberField, TextAreaField } from "@/components/ui/form-field";
import { RecordForm, useRecordForm, type RecordFormCallbacks, type RecordFormSpec } from "@/components/ui/form-record";
import type { AppointmentType } from "@/lib/db/schema";
import { createAppointmentTypeAction, updateAppointmentTypeAction } from "../actions";

/** The time kept free around a visit: both buffers take 0–240 minutes, empty meaning none. */
const BUFFERS = [
  ["bufferBeforeMinutes", "Buffer before (minutes)", "Kept free before the visit."],
  ["bufferAfterMinutes", "Buffer after (minutes)", "Kept free after the visit."],
] as const;

type AppointmentTypeFields = {
  name: string;
  description: string;
  requiredResourceKind: string;
  durationMinutes: number | "";
  bufferBeforeMinutes: number | "";
  bufferAfterMinutes: number | "";
  telehealthAllowed: boolean;
  onlineBookable: boolean;
  active: boolean;
};

const APPOINTMENT_TYPE_FORM: RecordFormSpec<AppointmentTypeFields, AppointmentType> = {
  create: createAppointmentTypeAction,
  update: updateAppointmentTypeAction,
  fields: [
    "name",
    "description",
    "requiredResourceKind",
    "durationMinutes",
    ...BUFFERS.map(([name]) => name),
    "telehealthAllowed",
    "onlineBookable",
    "active",
  ],
  conflictFields: { appointment_type_name: "name" },
};

/** Creates an appointment type or edits one; every server field error sits beside its input. */
export function AppointmentTypeForm({ type, onSaved, onCancel }: { type?: AppointmentType } & RecordFormCallbacks<AppointmentType>) {
  const tenant = useTenant();
  const form = useRecordForm(type, APPOINTMENT_TYPE_FORM, { invalidate: [staffKeys.appointmentTypes(tenant.organization.id)], onSaved });
  const { field, flag } = form;

  return (
    <RecordForm
      form={form}
      columns={3}
      submitLabel={type ? "Save changes" : "Create appointment type"}
      onCancel={onCancel}
      // Numbers go as typed: the server's validation explains an empty or invalid value.
      onSubmit={({ texts, number, checked }) =>
        form.mutation.mutate({
          ...texts(["name", "description", "requiredResourceKind"]),
          durationMinutes: number("durationMinutes"),
          bufferBeforeMinutes: number("bufferBeforeMinutes", 0),
          bufferAfterMinutes: number("bufferAfterMinutes", 0),
          telehealthAllowed: checked("telehealthAllowed"),
          onlineBookable: checked("onlineBookable"),
          active: checked("active"),
        })
      }
    >
      <Field {...field("name")} label="Name" required maxLength={80} className="sm:col-span-3" placeholder="New patient visit" />
      <TextAreaField {...field("description")} label="Description" maxLength={500} className="sm:col-span-3" />
      <NumberField
        {...field("durationMinutes")}
        label="Duration (minutes)"
        min={5}
        max={480}
        step={5}
        defaultValue={type?.durationMinutes ?? tenant.settings.defaultAppointmentDuration}
      />
      {BUFFERS.map(([name, label, hint]) => (
        <NumberField key={name} {...field(name)} label={label} min={0} max={240} step={5} defaultValue={type?.[name] ?? 0} hint={hint} />
      ))}
      <Field
        {...field("requiredResourceKind")}
        label="Needs a room or equipment of kind"
        maxLength={60}
        className="sm:col-span-3"
        placeholder="procedure room"
        defaultValue={type?.requiredResourceKind ?? ""}
        hint="Each in-person visit also holds a free one of this kind at its location (Settings → Locations). Leave empty when any room will do."
      />
      <fieldset className="flex flex-col gap-3 sm:col-span-3">
        <legend className="mb-2 text-sm font-medium text-slate-700">Options</legend>
        <CheckboxField
          {...flag("telehealthAllowed", false)}
          label="Telehealth allowed"
          hint={
            tenant.settings.enableTelehealth
              ? "Can be booked as a video visit with providers who offer telehealth."
              : "Telehealth is turned off for the whole organization at the moment."
          }
        />
        <CheckboxField
          {...flag("onlineBookable", true)}
          label="Bookable online"
          hint="Patients can choose it on the booking site; otherwise only staff can book it."
        />
        <CheckboxField {...flag("active", true)} label="Active" hint="Inactive types cannot be booked; existing appointments are kept." />
      </fieldset>
    </RecordForm>
  );
}
