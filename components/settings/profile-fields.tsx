"use client";

import { useId, useState } from "react";
import { Field, FieldError, SelectField, describedBy, inputClass } from "@/components/ui/form-field";
import type { Address, ContactInfo, Organization } from "@/lib/db/schema";
import { COMMON_TIME_ZONES, allTimeZones, isCommonTimeZone } from "./time-zones";

type Errors = Record<string, string[]>;
type OrganizationType = Organization["type"];

export const ORGANIZATION_TYPES = [
  ["hospital", "Hospital"],
  ["clinic", "Clinic"],
  ["practice", "Practice"],
] as const satisfies readonly (readonly [OrganizationType, string])[];

/** The form fields these components render, as the API's dotted error paths. */
export const PROFILE_FIELDS = [
  "type",
  "address.street",
  "address.city",
  "address.state",
  "address.zip",
  "address.country",
  "contactInfo.phone",
  "contactInfo.email",
  "timeZone",
] as const;

/** Reads the fields below out of a submitted form, shaped as the API wants them. */
export function profileFromForm(form: FormData) {
  const get = (k: string) => String(form.get(k) ?? "").trim();
  return {
    type: get("type") as OrganizationType,
    address: { street: get("street"), city: get("city"), state: get("state"), zip: get("zip"), country: get("country") },
    contactInfo: { phone: get("phone"), email: get("contactEmail") },
    timeZone: get("timeZone"),
  };
}

export function OrganizationTypeField({ defaultValue, errors }: { defaultValue?: OrganizationType; errors?: string[] }) {
  return <SelectField name="type" label="Type" options={ORGANIZATION_TYPES} defaultValue={defaultValue ?? "hospital"} errors={errors} />;
}

export function AddressFields({ address, errors }: { address?: Address; errors: Errors }) {
  return (
    <fieldset className="grid gap-4 sm:grid-cols-6">
      <legend className="mb-2 text-sm font-semibold text-slate-800">Address</legend>
      <Field
        name="street"
        label="Street"
        autoComplete="street-address"
        defaultValue={address?.street}
        errors={errors["address.street"]}
        maxLength={200}
        className="sm:col-span-6"
      />
      <Field
        name="city"
        label="City"
        autoComplete="address-level2"
        defaultValue={address?.city}
        errors={errors["address.city"]}
        maxLength={100}
        className="sm:col-span-3"
      />
      <Field
        name="state"
        label="State"
        autoComplete="address-level1"
        defaultValue={address?.state}
        errors={errors["address.state"]}
        maxLength={100}
        className="sm:col-span-1"
      />
      <Field
        name="zip"
        label="ZIP"
        autoComplete="postal-code"
        defaultValue={address?.zip}
        errors={errors["address.zip"]}
        maxLength={20}
        className="sm:col-span-2"
      />
      <Field
        name="country"
        label="Country"
        autoComplete="country-name"
        defaultValue={address?.country ?? "USA"}
        errors={errors["address.country"]}
        maxLength={100}
        className="sm:col-span-3"
      />
    </fieldset>
  );
}

export function ContactFields({ contactInfo, errors }: { contactInfo?: ContactInfo; errors: Errors }) {
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-semibold text-slate-800">Contact</legend>
      <Field
        name="phone"
        label="Phone"
        type="tel"
        autoComplete="tel"
        defaultValue={contactInfo?.phone}
        errors={errors["contactInfo.phone"]}
        maxLength={40}
        placeholder="+1-555-0100"
      />
      <Field
        name="contactEmail"
        label="E-mail"
        type="email"
        autoComplete="email"
        defaultValue={contactInfo?.email}
        errors={errors["contactInfo.email"]}
        placeholder="info@example.org"
        hint="Shown to patients."
      />
    </fieldset>
  );
}

const OTHER = "__other";

/** A select of common US zones, or any IANA name typed in (submitted as one `name` value). */
export function TimeZoneField({ name = "timeZone", defaultValue, errors }: { name?: string; defaultValue?: string; errors?: string[] }) {
  const initial = defaultValue ?? "America/New_York";
  const [choice, setChoice] = useState(isCommonTimeZone(initial) ? initial : OTHER);
  const [other, setOther] = useState(isCommonTimeZone(initial) ? "" : initial);
  // Filled on first focus: the server's and the browser's zone lists can differ (hydration).
  const [zones, setZones] = useState<string[]>([]);
  const id = useId();
  const invalid = Boolean(errors?.length);
  const value = choice === OTHER ? other.trim() : choice;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-select`} className="text-sm font-medium text-slate-700">
        Time zone
      </label>
      <input type="hidden" name={name} value={value} />
      <select
        id={`${id}-select`}
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        aria-invalid={(invalid && choice !== OTHER) || undefined}
        aria-describedby={describedBy(`${id}-hint`, invalid && `${id}-error`)}
        className={inputClass}
      >
        {COMMON_TIME_ZONES.map(([zone, label]) => (
          <option key={zone} value={zone}>
            {label}
          </option>
        ))}
        <option value={OTHER}>Other (type an IANA name)…</option>
      </select>
      {choice === OTHER && (
        <>
          <label htmlFor={`${id}-other`} className="sr-only">
            IANA time zone name
          </label>
          <input
            id={`${id}-other`}
            value={other}
            onChange={(e) => setOther(e.target.value)}
            onFocus={() => {
              if (zones.length === 0) setZones(allTimeZones());
            }}
            list={`${id}-zones`}
            autoComplete="off"
            spellCheck={false}
            placeholder="Europe/London"
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy(`${id}-hint`, invalid && `${id}-error`)}
            className={inputClass}
          />
          <datalist id={`${id}-zones`}>
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </>
      )}
      <span id={`${id}-hint`} className="text-xs text-slate-500">
        Appointments and business hours are in this zone.
      </span>
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}
