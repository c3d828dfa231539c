"use client";

import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CheckboxField, Field } from "@/components/ui/form-field";
import { RecordForm, useRecordForm, type RecordFormCallbacks, type RecordFormSpec } from "@/components/ui/form-record";
import type { Provider } from "@/lib/db/schema";
import { createProviderAction, updateProviderAction } from "../actions";

const TEXT_FIELDS = ["name", "title", "specialty", "licenseNumber", "email", "phone"] as const;

type ProviderFields = Record<(typeof TEXT_FIELDS)[number], string> & { acceptsOnlineBooking: boolean; offersTelehealth: boolean };

const PROVIDER_FORM: RecordFormSpec<ProviderFields, Provider> = {
  create: createProviderAction,
  update: updateProviderAction,
  fields: [...TEXT_FIELDS, "acceptsOnlineBooking", "offersTelehealth"],
  conflictFields: { provider_email: "email", provider_license: "licenseNumber" },
};

/** Creates a provider or edits one; every server field error sits beside its input. */
export function ProviderForm({ provider, onSaved, onCancel }: { provider?: Provider } & RecordFormCallbacks<Provider>) {
  const tenant = useTenant();
  const form = useRecordForm(provider, PROVIDER_FORM, { invalidate: [staffKeys.providers(tenant.organization.id)], onSaved });
  const { field, flag } = form;

  return (
    <RecordForm
      form={form}
      submitLabel={provider ? "Save changes" : "Create provider"}
      onCancel={onCancel}
      onSubmit={({ texts, checked }) =>
        form.mutation.mutate({
          ...texts(TEXT_FIELDS),
          acceptsOnlineBooking: checked("acceptsOnlineBooking"),
          offersTelehealth: checked("offersTelehealth"),
        })
      }
    >
      <Field {...field("name")} label="Name" required autoComplete="off" maxLength={120} placeholder="Dr. Jane Doe" />
      <Field {...field("title")} label="Title" autoComplete="off" maxLength={40} placeholder="MD, DO, NP…" />
      <Field {...field("specialty")} label="Specialty" autoComplete="off" maxLength={120} />
      <Field {...field("licenseNumber")} label="Licence number" autoComplete="off" maxLength={60} hint="Unique within this organization." />
      <Field {...field("email")} label="E-mail" type="email" autoComplete="off" />
      <Field {...field("phone")} label="Phone" type="tel" autoComplete="off" />
      <fieldset className="flex flex-col gap-3 sm:col-span-2">
        <legend className="mb-2 text-sm font-medium text-slate-700">Booking</legend>
        <CheckboxField
          {...flag("acceptsOnlineBooking", true)}
          label="Accepts online booking"
          hint={
            tenant.settings.enableOnlineBooking
              ? "Patients can choose this provider on the booking site."
              : "Online booking is turned off for the whole organization at the moment."
          }
        />
        <CheckboxField
          {...flag("offersTelehealth", false)}
          label="Offers telehealth (video) visits"
          hint={tenant.settings.enableTelehealth ? undefined : "Telehealth is turned off for the whole organization at the moment."}
        />
      </fieldset>
    </RecordForm>
  );
}
