"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CheckboxField, Field, NumberField } from "@/components/ui/form-field";
import { SettingsSection } from "@/components/ui/form-settings";
import { showLocalErrors, type FormValues } from "@/components/ui/form-values";
import { Panel } from "@/components/ui/panel";
import type { SmsSettingsView as Settings } from "@/lib/sms/settings-view";
import { smsSettingsAction, updateSmsSettingsAction } from "../actions";

const SHOWN = ["enabled", "accountSid", "authToken", "fromNumber", "reminderOffsetsHours", "releaseUnconfirmedHours"];

/** "48, 2" → [48, 2]; null when a part is not a whole number. */
function parseOffsets(text: string): number[] | null {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const numbers = parts.map(Number);
  return parts.length && numbers.every((n) => Number.isInteger(n)) ? numbers : null;
}

function localErrors({ text, checked }: FormValues): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!parseOffsets(text("reminderOffsetsHours")))
    errors.reminderOffsetsHours = ["Enter whole numbers of hours separated by commas, like 48, 2."];
  if (checked("releaseEnabled")) {
    const n = Number(text("releaseUnconfirmedHours"));
    if (!text("releaseUnconfirmedHours") || !Number.isInteger(n)) errors.releaseUnconfirmedHours = ["Enter a whole number of hours."];
  }
  return errors;
}

export function SmsSettingsView() {
  const tenant = useTenant();
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: settingsKeys.sms(tenant.organization.id),
    queryFn: () => unwrap(smsSettingsAction({})),
  });
  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader
        title="Text messages"
        description="Appointment reminders by SMS through your Twilio account, replies to confirm or reschedule, and releasing visits nobody confirmed."
      />
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
      {query.data && (
        <SmsForm key={String(query.data.updatedAt?.getTime() ?? 0)} settings={query.data} notice={notice} onNotice={setNotice} />
      )}
    </div>
  );
}

function SmsForm({
  settings,
  notice,
  onNotice: setNotice,
}: {
  settings: Settings;
  notice: string | null;
  onNotice: (n: string | null) => void;
}) {
  const tenant = useTenant();
  const [release, setRelease] = useState(settings.releaseUnconfirmedHours !== null);
  const save = useActionMutation(updateSmsSettingsAction, {
    invalidate: [settingsKeys.sms(tenant.organization.id)],
    onSuccess: () => setNotice("Text message settings saved."),
  });
  const fe = save.errors.fieldErrors;
  const tokenHint = !settings.authTokenSet
    ? "From the Twilio console. Kept encrypted and never shown again."
    : settings.authTokenReadable
      ? "A token is kept (encrypted, never shown). Leave this empty to keep it, or enter a new one to replace it."
      : "The kept token can no longer be read (the organization was moved or the key changed). Enter it again.";

  return (
    <SettingsSection
      mutation={save}
      shownFields={SHOWN}
      save={{ label: "Save text message settings", notice }}
      onSubmit={(values) => {
        setNotice(null);
        const local = localErrors(values);
        if (Object.keys(local).length) {
          showLocalErrors(save, local, "Please correct the highlighted fields.");
          return;
        }
        const { text, checked } = values;
        const token = text("authToken");
        save.mutate({
          enabled: checked("enabled"),
          ...(text("accountSid") ? { accountSid: text("accountSid") } : {}),
          ...(token ? { authToken: token } : {}),
          ...(text("fromNumber") ? { fromNumber: text("fromNumber") } : {}),
          reminderOffsetsHours: parseOffsets(text("reminderOffsetsHours")) ?? [],
          releaseUnconfirmedHours: release ? Number(text("releaseUnconfirmedHours")) : null,
        });
      }}
    >
      <Panel title="Twilio account" description="Texts are sent from your own Twilio account and number.">
        <div className="flex flex-col gap-4">
          <CheckboxField
            name="enabled"
            label="Send appointment texts"
            defaultChecked={settings.enabled}
            hint="Only to patients who agreed to texts (at booking, or told the front desk)."
            errors={fe.enabled}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              name="accountSid"
              label="Account SID"
              defaultValue={settings.accountSid}
              placeholder="AC…"
              autoComplete="off"
              spellCheck={false}
              errors={fe.accountSid}
            />
            <Field
              name="authToken"
              label="Auth token"
              type="password"
              autoComplete="new-password"
              placeholder={settings.authTokenSet && settings.authTokenReadable ? "Kept — leave empty to keep" : undefined}
              hint={tokenHint}
              errors={fe.authToken}
            />
            <Field
              name="fromNumber"
              label="Sender number"
              type="tel"
              defaultValue={settings.fromNumber}
              placeholder="+15551234567"
              hint="Your Twilio number, with its country code."
              errors={fe.fromNumber}
            />
          </div>
          <div className="text-sm">
            <p className="font-medium text-slate-800">Webhook for replies</p>
            <p className="text-slate-600">
              In the Twilio console, set this number&apos;s &ldquo;A message comes in&rdquo; webhook (HTTP POST) to:
            </p>
            <code className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 text-slate-800">{settings.inboundUrl}</code>
          </div>
        </div>
      </Panel>

      <Panel title="Reminders and confirmations">
        <div className="flex flex-col gap-4">
          <Field
            name="reminderOffsetsHours"
            label="Reminder times (hours before the visit)"
            required
            defaultValue={settings.reminderOffsetsHours.join(", ")}
            hint="Up to three, separated by commas (48, 2 = two days and two hours before). Patients reply C to confirm or R to reschedule."
            errors={fe.reminderOffsetsHours}
            className="max-w-md"
          />
          <CheckboxField
            name="releaseEnabled"
            label="Release visits that are not confirmed in time"
            checked={release}
            onCheckedChange={setRelease}
            hint="The visit is cancelled, offered to the waiting list, and the patient is told by text and e-mail. Only visits whose patient was sent a reminder before the cutoff."
            errors={release ? undefined : fe.releaseUnconfirmedHours}
          />
          {release && (
            <NumberField
              name="releaseUnconfirmedHours"
              label="Release cutoff (hours before the visit)"
              min={1}
              max={168}
              step={1}
              defaultValue={settings.releaseUnconfirmedHours ?? 24}
              hint="Smaller than the earliest reminder time, so patients have time to reply. 1–168 hours."
              errors={fe.releaseUnconfirmedHours}
              className="max-w-xs sm:ml-6"
            />
          )}
        </div>
      </Panel>
    </SettingsSection>
  );
}
