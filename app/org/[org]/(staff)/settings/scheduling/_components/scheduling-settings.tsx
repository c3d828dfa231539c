"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CheckboxField, Field, FieldError, NumberField, inputBase, secondaryButton } from "@/components/ui/form-field";
import { SettingsSection } from "@/components/ui/form-settings";
import { showLocalErrors, type FormValues } from "@/components/ui/form-values";
import { Panel } from "@/components/ui/panel";
import type { OrganizationSettings } from "@/lib/db/schema";
import type { DayHours, Weekday } from "@/lib/db/schema/organization-settings";
import { schedulingSettingsAction, updateSchedulingSettingsAction } from "../actions";

/** The week as the form shows it, Monday first (typed against the stored weekdays: none is missing). */
const DAY_LABELS: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};
const WEEKDAYS = Object.keys(DAY_LABELS) as Weekday[];

const NUMBERS = {
  defaultAppointmentDuration: { label: "Default appointment length", unit: "minutes", min: 5, max: 480 },
  bookingHorizonDays: { label: "Booking horizon", unit: "days", min: 1, max: 730 },
  staffBookingHorizonDays: { label: "Staff booking horizon", unit: "days", min: 1, max: 1825 },
  minimumNoticeMinutes: { label: "Minimum notice", unit: "minutes", min: 0, max: 43200 },
  cancellationWindowHours: { label: "Cancellation window", unit: "hours", min: 0, max: 720 },
} as const;
type NumberKey = keyof typeof NUMBERS;

const HINTS: Record<NumberKey, string> = {
  defaultAppointmentDuration: "Used when an appointment type does not set its own length. 5–480 minutes.",
  bookingHorizonDays: "How far ahead patients can book online. 1–730 days.",
  staffBookingHorizonDays: "How far ahead staff and API integrations can book. 1–1,825 days.",
  minimumNoticeMinutes: "The latest an online booking can be made before it starts (120 = 2 hours). 0–43,200 minutes.",
  cancellationWindowHours: "Patients can cancel or reschedule online until this many hours before. 0–720 hours.",
};

const SHOWN = [
  ...WEEKDAYS.flatMap((d) => [`businessHours.${d}.start`, `businessHours.${d}.end`, `businessHours.${d}.isOpen`, `businessHours.${d}`]),
  ...Object.keys(NUMBERS),
  "enableOnlineBooking",
  "enableTelehealth",
  "telehealthBaseUrl",
  "requireMfaForStaff",
  "calendarFeedPatientNames",
  "patientLanguages",
];

/** Client-side range checks with plain messages; the server checks again. */
function numberErrors({ text }: FormValues): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [key, spec] of Object.entries(NUMBERS) as [NumberKey, (typeof NUMBERS)[NumberKey]][]) {
    const raw = text(key);
    const n = Number(raw);
    if (!raw || !Number.isInteger(n)) errors[key] = [`Enter a whole number of ${spec.unit}.`];
    else if (n < spec.min || n > spec.max)
      errors[key] = [`Use ${spec.min.toLocaleString("en-US")}–${spec.max.toLocaleString("en-US")} ${spec.unit}.`];
  }
  return errors;
}

export function SchedulingSettingsView({ telehealthUpgrade }: { telehealthUpgrade: string | null }) {
  const tenant = useTenant();
  // Above the form: it remounts on every save (keyed on updatedAt), the notice must not.
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: settingsKeys.scheduling(tenant.organization.id),
    queryFn: () => unwrap(schedulingSettingsAction({})),
  });
  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader title="Scheduling" description="When you are open, how appointments are booked, and what patients can do online." />
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
      {query.data && (
        <SchedulingForm
          key={query.data.updatedAt.getTime()}
          settings={query.data}
          telehealthUpgrade={telehealthUpgrade}
          notice={notice}
          onNotice={setNotice}
        />
      )}
    </div>
  );
}

function SchedulingForm({
  settings,
  telehealthUpgrade,
  notice,
  onNotice: setNotice,
}: {
  settings: OrganizationSettings;
  /** Why video visits are not offered on this plan, or null when they are. */
  telehealthUpgrade: string | null;
  notice: string | null;
  onNotice: (notice: string | null) => void;
}) {
  const tenant = useTenant();
  const router = useRouter();
  const [hours, setHours] = useState<Record<Weekday, DayHours>>(settings.businessHours);
  const [telehealth, setTelehealth] = useState(settings.enableTelehealth);

  const save = useActionMutation(updateSchedulingSettingsAction, {
    invalidate: [settingsKeys.scheduling(tenant.organization.id)],
    onSuccess: () => {
      setNotice("Scheduling settings saved.");
      // The staff shell carries the booking settings; it is rendered on the server.
      router.refresh();
    },
  });
  const setDay = (day: Weekday, patch: Partial<DayHours>) => setHours((h) => ({ ...h, [day]: { ...h[day], ...patch } }));
  const copyMonday = () =>
    setHours((h) => ({ ...h, tuesday: { ...h.monday }, wednesday: { ...h.monday }, thursday: { ...h.monday }, friday: { ...h.monday } }));
  const fe = save.errors.fieldErrors;

  return (
    <SettingsSection
      mutation={save}
      shownFields={SHOWN}
      save={{ label: "Save scheduling settings", notice }}
      onSubmit={(values) => {
        setNotice(null);
        const local = numberErrors(values);
        if (Object.keys(local).length) {
          showLocalErrors(save, local, "Please correct the highlighted fields.");
          return;
        }
        const { text, checked } = values;
        save.mutate({
          businessHours: hours,
          defaultAppointmentDuration: Number(text("defaultAppointmentDuration")),
          bookingHorizonDays: Number(text("bookingHorizonDays")),
          staffBookingHorizonDays: Number(text("staffBookingHorizonDays")),
          minimumNoticeMinutes: Number(text("minimumNoticeMinutes")),
          cancellationWindowHours: Number(text("cancellationWindowHours")),
          enableOnlineBooking: checked("enableOnlineBooking"),
          enableTelehealth: telehealth,
          telehealthBaseUrl: values.data.has("telehealthBaseUrl") ? text("telehealthBaseUrl") : (settings.telehealthBaseUrl ?? ""),
          requireMfaForStaff: checked("requireMfaForStaff"),
          calendarFeedPatientNames: checked("calendarFeedPatientNames"),
          patientLanguages: checked("patientLanguageEs") ? ["en", "es"] : ["en"],
        });
      }}
    >
      <Panel
        title="Business hours"
        description="When the organization is open. Providers without personal working hours can be booked during these hours."
        actions={
          <button type="button" className={secondaryButton} onClick={copyMonday}>
            Copy Monday to Tue–Fri
          </button>
        }
      >
        <div className="divide-y divide-slate-100">
          {WEEKDAYS.map((day) => (
            <DayRow
              key={day}
              label={DAY_LABELS[day]}
              value={hours[day]}
              onChange={(patch) => setDay(day, patch)}
              errors={{
                start: fe[`businessHours.${day}.start`],
                end: [...(fe[`businessHours.${day}.end`] ?? []), ...(fe[`businessHours.${day}`] ?? [])],
              }}
            />
          ))}
        </div>
      </Panel>

      <Panel title="Appointments and online booking">
        <div className="flex flex-col gap-6">
          <div className="grid gap-4 sm:grid-cols-2">
            {(Object.keys(NUMBERS) as NumberKey[]).map((key) => (
              <NumberField
                key={key}
                name={key}
                label={`${NUMBERS[key].label} (${NUMBERS[key].unit})`}
                min={NUMBERS[key].min}
                max={NUMBERS[key].max}
                step={1}
                defaultValue={settings[key]}
                hint={HINTS[key]}
                errors={fe[key]}
              />
            ))}
          </div>
          <fieldset className="flex flex-col gap-4">
            <legend className="mb-2 text-sm font-semibold text-slate-800">Online services</legend>
            <CheckboxField
              name="enableOnlineBooking"
              label="Online booking"
              defaultChecked={settings.enableOnlineBooking}
              hint="Patients can book on your public site. Staff can always book."
              errors={fe.enableOnlineBooking}
            />
            <CheckboxField
              label="Telehealth (video visits)"
              checked={telehealth}
              onCheckedChange={setTelehealth}
              hint={telehealthUpgrade ?? "Video visits for appointment types and providers that allow them."}
              errors={fe.enableTelehealth}
            />
            {telehealth && (
              <Field
                name="telehealthBaseUrl"
                label="Video visit link base URL"
                type="url"
                defaultValue={settings.telehealthBaseUrl}
                placeholder="https://video.example.org/room"
                hint="Each telehealth appointment gets a room link starting with this address."
                errors={fe.telehealthBaseUrl}
                className="max-w-xl sm:ml-6"
              />
            )}
          </fieldset>
        </div>
      </Panel>

      <Panel title="Security and privacy">
        <CheckboxField
          name="requireMfaForStaff"
          label="Require two-factor authentication for staff"
          defaultChecked={settings.requireMfaForStaff}
          hint="Members must sign in with an authenticator app. Until they turn it on, they can open only the two-factor set-up page."
          errors={fe.requireMfaForStaff}
        />
        <CheckboxField
          name="calendarFeedPatientNames"
          label="Show patient names in clinicians' calendar feeds"
          defaultChecked={settings.calendarFeedPatientNames}
          hint="Off: feeds show the appointment type and time only. On: also the patient's name, in whatever calendar app the clinician subscribes with. Reasons, notes and contact details are never in a feed."
          errors={fe.calendarFeedPatientNames}
        />
      </Panel>

      <Panel
        title="Patient languages"
        description="The languages of the booking and appointment pages, and of the e-mails and text messages patients receive. Patients see their browser's language when it is offered, can switch with a language menu, and get their messages in the language they booked in."
      >
        <CheckboxField
          name="patientLanguageEs"
          label="Offer Spanish (Español) as well as English"
          hint="English is always offered. With one language only, patients see no language menu."
          defaultChecked={settings.patientLanguages.includes("es")}
          errors={fe.patientLanguages}
        />
      </Panel>
    </SettingsSection>
  );
}

function DayRow({
  label,
  value,
  onChange,
  errors,
}: {
  label: string;
  value: DayHours;
  onChange: (patch: Partial<DayHours>) => void;
  errors: { start?: string[]; end?: string[] };
}) {
  const id = useId();
  const startInvalid = Boolean(errors.start?.length);
  const endInvalid = Boolean(errors.end?.length);
  return (
    <fieldset className="grid grid-cols-[7rem_1fr] items-start gap-x-3 gap-y-2 py-3 sm:grid-cols-[8rem_7rem_1fr]">
      <legend className="sr-only">{label}</legend>
      <span aria-hidden className="pt-2 text-sm font-medium">
        {label}
      </span>
      <label className="flex items-center gap-2 pt-2 text-sm text-slate-700">
        <input
          type="checkbox"
          checked={value.isOpen}
          onChange={(e) => onChange({ isOpen: e.target.checked })}
          className="h-4 w-4 rounded border-slate-300 accent-[var(--brand-primary)]"
        />
        Open<span className="sr-only"> on {label}</span>
      </label>
      <div className="col-span-2 flex flex-col gap-1 sm:col-span-1">
        {value.isOpen ? (
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor={`${id}-start`} className="sr-only">
              {label} opening time
            </label>
            <input
              id={`${id}-start`}
              type="time"
              step={300}
              required
              value={value.start}
              onChange={(e) => onChange({ start: e.target.value })}
              aria-invalid={startInvalid || undefined}
              aria-describedby={startInvalid ? `${id}-start-error` : undefined}
              className={`${inputBase} w-32`}
            />
            <span className="text-sm text-slate-500">to</span>
            <label htmlFor={`${id}-end`} className="sr-only">
              {label} closing time
            </label>
            <input
              id={`${id}-end`}
              type="time"
              step={300}
              required
              value={value.end}
              onChange={(e) => onChange({ end: e.target.value })}
              aria-invalid={endInvalid || undefined}
              aria-describedby={endInvalid ? `${id}-end-error` : undefined}
              className={`${inputBase} w-32`}
            />
          </div>
        ) : (
          <p className="text-sm text-slate-500 sm:pt-2">Closed</p>
        )}
        <FieldError id={`${id}-start-error`} errors={errors.start} />
        <FieldError id={`${id}-end-error`} errors={errors.end} />
      </div>
    </fieldset>
  );
}
