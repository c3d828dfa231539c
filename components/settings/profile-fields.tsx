"use client";

import { useId, useState } from "react";
import { Field, FieldFrame, SelectField, inputClass } from "@/components/ui/form-field";
import { formValues } from "@/components/ui/form-values";
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
  const { text } = formValues(form);
  return {
    type: text("type") as OrganizationType,
    address: { street: text("street"), city: text("city"), state: text("state"), zip: text("zip"), country: text("country") },
    contactInfo: { phone: text("phone"), email: text("contactEmail") },
    timeZone: text("timeZone"),
  };
}

export function OrganizationTypeField({ defaultValue, errors }: { defaultValue?: OrganizationType; errors?: string[] }) {
  return <SelectField name="type" label="Type" options={ORGANIZATION_TYPES} defaultValue={defaultValue ?? "hospital"} errors={errors} />;
}

/** One input of a fieldset below: `key` is its value's key (and error path), `name` the form field. */
type Line<K extends string> = {
  key: K;
  name: string;
  label: string;
  autoComplete: string;
  type?: string;
  maxLength?: number;
  placeholder?: string;
  hint?: string;
  className?: string;
};

/** The address as the form lays it out on a six-column grid. */
const ADDRESS_LINES: Line<keyof Address>[] = [
  { key: "street", name: "street", label: "Street", autoComplete: "street-address", maxLength: 200, className: "sm:col-span-6" },
  { key: "city", name: "city", label: "City", autoComplete: "address-level2", maxLength: 100, className: "sm:col-span-3" },
  { key: "state", name: "state", label: "State", autoComplete: "address-level1", maxLength: 100, className: "sm:col-span-1" },
  { key: "zip", name: "zip", label: "ZIP", autoComplete: "postal-code", maxLength: 20, className: "sm:col-span-2" },
  { key: "country", name: "country", label: "Country", autoComplete: "country-name", maxLength: 100, className: "sm:col-span-3" },
];

const CONTACT_LINES: Line<keyof ContactInfo>[] = [
  { key: "phone", name: "phone", label: "Phone", type: "tel", autoComplete: "tel", maxLength: 40, placeholder: "+1-555-0100" },
  {
    key: "email",
    name: "contactEmail",
    label: "E-mail",
    type: "email",
    autoComplete: "email",
    placeholder: "info@example.org",
    hint: "Shown to patients.",
  },
];

/** A titled group of lines of one value (an address, contact details); errors come as `{path}.{key}`. */
function LinesFieldset<K extends string>({
  legend,
  className,
  lines,
  values,
  fallback = {},
  path,
  errors,
}: {
  legend: string;
  className: string;
  lines: Line<K>[];
  values?: Partial<Record<K, string | null>>;
  /** What a new value starts with. */
  fallback?: Partial<Record<K, string>>;
  path: string;
  errors: Errors;
}) {
  return (
    <fieldset className={`grid gap-4 ${className}`}>
      <legend className="mb-2 text-sm font-semibold text-slate-800">{legend}</legend>
      {lines.map(({ key, ...line }) => (
        <Field key={key} {...line} defaultValue={values?.[key] ?? fallback[key]} errors={errors[`${path}.${key}`]} />
      ))}
    </fieldset>
  );
}

export function AddressFields({ address, errors }: { address?: Address; errors: Errors }) {
  return (
    <LinesFieldset
      legend="Address"
      className="sm:grid-cols-6"
      lines={ADDRESS_LINES}
      values={address}
      fallback={{ country: "USA" }}
      path="address"
      errors={errors}
    />
  );
}

export function ContactFields({ contactInfo, errors }: { contactInfo?: ContactInfo; errors: Errors }) {
  return (
    <LinesFieldset
      legend="Contact"
      className="sm:grid-cols-2"
      lines={CONTACT_LINES}
      values={contactInfo}
      path="contactInfo"
      errors={errors}
    />
  );
}

/** Where the organization is and how to reach it: address, contact details and time zone. */
export function LocationFields({
  profile,
  errors,
}: {
  profile?: Pick<Organization, "address" | "contactInfo" | "timeZone">;
  errors: Errors;
}) {
  return (
    <>
      <AddressFields address={profile?.address} errors={errors} />
      <ContactFields contactInfo={profile?.contactInfo} errors={errors} />
      <div className="max-w-md">
        <TimeZoneField defaultValue={profile?.timeZone} errors={errors.timeZone} />
      </div>
    </>
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
    <FieldFrame id={`${id}-select`} label="Time zone" hint="Appointments and business hours are in this zone." errors={errors}>
      {(control) => (
        <>
          <input type="hidden" name={name} value={value} />
          <select
            {...control}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            aria-invalid={(invalid && choice !== OTHER) || undefined}
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
                aria-invalid={control["aria-invalid"]}
                aria-describedby={control["aria-describedby"]}
                className={inputClass}
              />
              <datalist id={`${id}-zones`}>
                {zones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </>
      )}
    </FieldFrame>
  );
}
