"use client";

import { useActionMutation } from "@/components/actions/use-action-mutation";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CheckboxField, Field, FormAlert, primaryButton, secondaryButton } from "@/components/ui/form-field";
import type { Provider } from "@/lib/db/schema";
import { createProviderAction, updateProviderAction } from "../actions";

const FIELDS = ["name", "title", "specialty", "licenseNumber", "email", "phone", "acceptsOnlineBooking", "offersTelehealth"] as const;
const CONFLICT_FIELDS = { provider_email: "email", provider_license: "licenseNumber" };

type ProviderFields = {
  name: string;
  title: string;
  specialty: string;
  licenseNumber: string;
  email: string;
  phone: string;
  acceptsOnlineBooking: boolean;
  offersTelehealth: boolean;
};

/** Creates a provider or edits one; every server field error sits beside its input. */
export function ProviderForm({
  provider,
  onSaved,
  onCancel,
}: {
  provider?: Provider;
  onSaved: (provider: Provider) => void;
  onCancel?: () => void;
}) {
  const tenant = useTenant();
  const mutation = useActionMutation(
    (input: ProviderFields) => (provider ? updateProviderAction({ ...input, id: provider.id }) : createProviderAction(input)),
    { invalidate: [staffKeys.providers(tenant.organization.id)], conflictFields: CONFLICT_FIELDS, onSuccess: onSaved },
  );
  const { errors } = mutation;

  const fe = errors.fieldErrors;
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const get = (k: string) => String(form.get(k) ?? "").trim();
        mutation.mutate({
          name: get("name"),
          title: get("title"),
          specialty: get("specialty"),
          licenseNumber: get("licenseNumber"),
          email: get("email"),
          phone: get("phone"),
          acceptsOnlineBooking: form.get("acceptsOnlineBooking") === "on",
          offersTelehealth: form.get("offersTelehealth") === "on",
        });
      }}
    >
      <div className="sm:col-span-2">
        <FormAlert message={errors.formError} fieldErrors={fe} shownFields={FIELDS} />
      </div>
      <Field
        name="name"
        label="Name"
        required
        autoComplete="off"
        defaultValue={provider?.name}
        errors={fe.name}
        maxLength={120}
        placeholder="Dr. Jane Doe"
      />
      <Field
        name="title"
        label="Title"
        autoComplete="off"
        defaultValue={provider?.title}
        errors={fe.title}
        maxLength={40}
        placeholder="MD, DO, NP…"
      />
      <Field
        name="specialty"
        label="Specialty"
        autoComplete="off"
        defaultValue={provider?.specialty}
        errors={fe.specialty}
        maxLength={120}
      />
      <Field
        name="licenseNumber"
        label="Licence number"
        autoComplete="off"
        defaultValue={provider?.licenseNumber}
        errors={fe.licenseNumber}
        maxLength={60}
        hint="Unique within this organization."
      />
      <Field name="email" label="E-mail" type="email" autoComplete="off" defaultValue={provider?.email} errors={fe.email} />
      <Field name="phone" label="Phone" type="tel" autoComplete="off" defaultValue={provider?.phone} errors={fe.phone} />
      <fieldset className="flex flex-col gap-3 sm:col-span-2">
        <legend className="mb-2 text-sm font-medium text-slate-700">Booking</legend>
        <CheckboxField
          name="acceptsOnlineBooking"
          label="Accepts online booking"
          defaultChecked={provider?.acceptsOnlineBooking ?? true}
          hint={
            tenant.settings.enableOnlineBooking
              ? "Patients can choose this provider on the booking site."
              : "Online booking is turned off for the whole organization at the moment."
          }
          errors={fe.acceptsOnlineBooking}
        />
        <CheckboxField
          name="offersTelehealth"
          label="Offers telehealth (video) visits"
          defaultChecked={provider?.offersTelehealth ?? false}
          hint={tenant.settings.enableTelehealth ? undefined : "Telehealth is turned off for the whole organization at the moment."}
          errors={fe.offersTelehealth}
        />
      </fieldset>
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <button type="submit" disabled={mutation.isPending} className={primaryButton}>
          {mutation.isPending ? "Saving…" : provider ? "Save changes" : "Create provider"}
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
