"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { SettingsFormAlert } from "@/components/settings/plan-limit";
import { SubmitButton } from "@/components/ui/form-actions";
import { CheckboxField, Field, SuccessNote, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { CreateInline } from "@/components/ui/form-inline";
import { formValues, showLocalErrors } from "@/components/ui/form-values";
import { Badge, Panel } from "@/components/ui/panel";
import {
  createLocationAction,
  createResourceAction,
  locationsOverviewAction,
  updateLocationAction,
  updateResourceAction,
} from "../actions";

type Overview = Awaited<ReturnType<typeof locationsOverviewAction>>;
type LocationRow = Extract<Overview, { ok: true }>["data"][number];
type ResourceRow = LocationRow["resources"][number];

export function LocationsSettings({ organizationTimeZone }: { organizationTimeZone: string }) {
  const tenant = useTenant();
  const key = settingsKeys.locations(tenant.organization.id);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const query = useQuery({ queryKey: key, queryFn: () => unwrap(locationsOverviewAction({})) });

  const add = useActionMutation(createLocationAction, {
    invalidate: [key],
    onSuccess: (location) => {
      setFormKey((k) => k + 1);
      setNotice(`${location.name} added.`);
    },
  });
  const toggle = useActionMutation((row: LocationRow) => updateLocationAction({ id: row.id, active: !row.active }), {
    invalidate: [key],
    onSuccess: (location) => setNotice(location.active ? `${location.name} is open for booking again.` : `${location.name} is closed.`),
  });

  const locations = query.data ?? [];
  const mainId = locations.find((l) => l.active)?.id;
  const kinds = [...new Set(locations.flatMap((l) => l.resources.map((r) => r.kind)))].sort();

  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader
        title="Locations"
        description="Where you see patients, and the rooms and equipment there. Appointment types can require a kind of room; providers are placed at a location per weekday on their page."
      />
      <SuccessNote message={notice} />
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
      {query.data && locations.length === 0 && (
        <p className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
          No locations yet: everything happens at one place, in your organization&apos;s time zone ({organizationTimeZone}).
        </p>
      )}
      {locations.map((location) => (
        <Panel
          key={location.id}
          title={location.name}
          description={[location.address, location.phone, location.timeZone].filter(Boolean).join(" · ")}
          actions={
            <>
              {location.id === mainId && <Badge tone="info">Main location</Badge>}
              {!location.active && <Badge tone="warn">Closed</Badge>}
              <button
                type="button"
                className={secondaryButton}
                aria-expanded={editing === location.id}
                onClick={() => {
                  setNotice(null);
                  setEditing(editing === location.id ? null : location.id);
                }}
              >
                {editing === location.id ? `Stop editing ${location.name}` : `Edit ${location.name}`}
              </button>
              <button
                type="button"
                className={secondaryButton}
                disabled={toggle.isPending && toggle.variables?.id === location.id}
                onClick={() => {
                  setNotice(null);
                  toggle.mutate(location);
                }}
              >
                {location.active ? `Close ${location.name}` : `Reopen ${location.name}`}
              </button>
            </>
          }
        >
          {toggle.isError && toggle.variables?.id === location.id && (
            <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {toggle.error.message}
            </p>
          )}
          {editing === location.id && (
            <EditLocation
              location={location}
              queryKey={key}
              onDone={(message) => {
                setEditing(null);
                setNotice(message);
              }}
            />
          )}
          <Resources location={location} kinds={kinds} queryKey={key} onNotice={setNotice} />
        </Panel>
      ))}

      <Panel
        title="Add a location"
        description="The first open location is the main one: providers work there on any weekday not set to another location."
      >
        <CreateInline
          key={formKey}
          mutation={add}
          shownFields={["name", "address", "phone", "timeZone"]}
          required={{ name: "Enter a name." }}
          columns="sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_minmax(0,0.8fr)_minmax(0,1fr)_auto]"
          submitLabel="Add location"
          pendingLabel="Adding…"
          onSubmit={({ text }) => {
            setNotice(null);
            add.mutate({ name: text("name"), address: text("address"), phone: text("phone"), timeZone: text("timeZone") || undefined });
          }}
        >
          <Field name="name" label="Name" required autoComplete="off" errors={add.errors.fieldErrors.name} />
          <Field name="address" label="Address" autoComplete="off" errors={add.errors.fieldErrors.address} />
          <Field name="phone" label="Phone" type="tel" autoComplete="off" errors={add.errors.fieldErrors.phone} />
          <Field
            name="timeZone"
            label="Time zone"
            defaultValue={organizationTimeZone}
            autoComplete="off"
            errors={add.errors.fieldErrors.timeZone}
          />
        </CreateInline>
      </Panel>
    </div>
  );
}

const EDIT_FIELDS = ["name", "address", "phone", "timeZone", "active"] as const;

/** Name, address, phone, time zone and whether it is open, saved together; closing waits for its upcoming visits to be moved. */
function EditLocation({
  location,
  queryKey,
  onDone,
}: {
  location: LocationRow;
  queryKey: readonly unknown[];
  onDone: (message: string) => void;
}) {
  const headingId = useId();
  const save = useActionMutation(updateLocationAction, {
    invalidate: [queryKey],
    conflictFields: { location_name: "name", location_bookings: "active" },
    onSuccess: (saved) => onDone(`${saved.name} saved.`),
  });
  const errors = save.errors.fieldErrors;
  return (
    <form
      noValidate
      aria-labelledby={headingId}
      className="mb-6 flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const values = formValues(e.currentTarget);
        if (!values.text("name")) {
          showLocalErrors(save, { name: ["Enter a name."] });
          return;
        }
        save.mutate({
          id: location.id,
          ...values.texts(["name", "address", "phone", "timeZone"]),
          active: values.checked("active"),
        });
      }}
    >
      <h3 id={headingId} className="text-sm font-semibold text-slate-700">
        Edit {location.name}
      </h3>
      <SettingsFormAlert errors={save.errors} error={save.error} shownFields={EDIT_FIELDS} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="name" label="Name" required autoComplete="off" defaultValue={location.name} errors={errors.name} />
        <Field name="address" label="Address" autoComplete="off" defaultValue={location.address ?? ""} errors={errors.address} />
        <Field name="phone" label="Phone" type="tel" autoComplete="off" defaultValue={location.phone ?? ""} errors={errors.phone} />
        <Field name="timeZone" label="Time zone" autoComplete="off" defaultValue={location.timeZone} errors={errors.timeZone} />
      </div>
      <CheckboxField
        name="active"
        label="Open for booking"
        defaultChecked={location.active}
        hint="A closed location takes no bookings; it can be closed once no visit is still to come there."
        errors={errors.active}
      />
      <div>
        <SubmitButton pending={save.isPending} pendingLabel="Saving…" className={primaryButton}>
          Save {location.name}
        </SubmitButton>
      </div>
    </form>
  );
}

function Resources({
  location,
  kinds,
  queryKey,
  onNotice,
}: {
  location: LocationRow;
  kinds: string[];
  queryKey: readonly unknown[];
  onNotice: (message: string | null) => void;
}) {
  const listId = useId();
  const [formKey, setFormKey] = useState(0);
  const add = useActionMutation(createResourceAction, {
    invalidate: [queryKey],
    onSuccess: (resource) => {
      setFormKey((k) => k + 1);
      onNotice(`${resource.name} added at ${location.name}.`);
    },
  });
  const toggle = useActionMutation((row: ResourceRow) => updateResourceAction({ id: row.id, active: !row.active }), {
    invalidate: [queryKey],
    onSuccess: (resource) => onNotice(resource.active ? `${resource.name} is back in service.` : `${resource.name} is out of service.`),
  });
  return (
    <div className="flex flex-col gap-4">
      <h3 className="text-sm font-semibold text-slate-700">Rooms and equipment</h3>
      {location.resources.length === 0 ? (
        <p className="text-sm text-slate-500">None yet.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100 text-sm">
          {location.resources.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{r.name}</span>
                <span className="text-slate-600">{r.kind}</span>
                {!r.active && <Badge tone="warn">Out of service</Badge>}
              </span>
              <button
                type="button"
                className={secondaryButton}
                disabled={toggle.isPending && toggle.variables?.id === r.id}
                onClick={() => {
                  onNotice(null);
                  toggle.mutate(r);
                }}
              >
                {r.active ? `Take ${r.name} out of service` : `Return ${r.name} to service`}
              </button>
            </li>
          ))}
        </ul>
      )}
      {toggle.isError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {toggle.error.message}
        </p>
      )}
      <CreateInline
        key={formKey}
        mutation={add}
        shownFields={["name", "kind"]}
        required={{ name: "Enter a name.", kind: "Enter a kind, such as procedure room." }}
        columns="sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]"
        submitLabel="Add room or equipment"
        pendingLabel="Adding…"
        onSubmit={({ text }) => {
          onNotice(null);
          add.mutate({ locationId: location.id, name: text("name"), kind: text("kind") });
        }}
      >
        <Field
          name="name"
          label={`Name (at ${location.name})`}
          required
          autoComplete="off"
          placeholder="Room 3"
          errors={add.errors.fieldErrors.name}
        />
        <Field
          name="kind"
          label="Kind"
          required
          autoComplete="off"
          placeholder="procedure room"
          list={listId}
          hint="Appointment types ask for a kind."
          errors={add.errors.fieldErrors.kind}
        />
      </CreateInline>
      <datalist id={listId}>
        {kinds.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
    </div>
  );
}
