"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CopyField } from "@/components/ui/copy-field";
import { Field, FormAlert, SuccessNote, dangerButton, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { Badge, Panel } from "@/components/ui/panel";
import {
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_PAYLOAD_DETAILS,
  WEBHOOK_PAYLOAD_DETAIL_LABELS,
  type WebhookEventType,
  type WebhookPayloadDetail,
} from "@/lib/webhooks/events";
import type { WebhookDeliveryView, WebhookEndpointView } from "@/lib/webhooks/service";
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  replayWebhookDeliveryAction,
  rotateWebhookSecretAction,
  updateWebhookEndpointAction,
  webhookDeliveriesAction,
  webhookEndpointsAction,
} from "../actions";

type Secret = { url: string; secret: string; rotated: boolean };

/** `planNote`: why this plan cannot use webhooks (null when it can). */
export function WebhooksSettings({ planNote }: { planNote: string | null }) {
  const tenant = useTenant();
  const key = settingsKeys.webhooks(tenant.organization.id);
  // Shown once: kept in this component's state only, never in the query cache.
  const [secret, setSecret] = useState<Secret | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const query = useQuery({ queryKey: key, queryFn: () => unwrap(webhookEndpointsAction({})) });
  const create = useActionMutation(
    (input: { url: string; description: string; eventTypes: WebhookEventType[]; payloadDetail: WebhookPayloadDetail }) =>
      createWebhookEndpointAction(input),
    {
      invalidate: [key],
      secret: true,
      onSuccess: (data) => {
        setSecret({ url: data.endpoint.url, secret: data.secret, rotated: false });
        setFormKey((k) => k + 1);
      },
    },
  );
  const fe = create.errors.fieldErrors;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    const form = new FormData(event.currentTarget);
    create.mutate({
      url: String(form.get("url") ?? ""),
      description: String(form.get("description") ?? ""),
      eventTypes: form.getAll("eventTypes").map(String) as WebhookEventType[],
      payloadDetail: String(form.get("payloadDetail") ?? "ids") as WebhookPayloadDetail,
    });
  }

  const rows = query.data ?? [];
  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader
        title="Webhooks"
        description="Tell other systems (an EHR, a call centre, analytics) the moment appointments, patients or the waiting list change. Each delivery is signed (Standard Webhooks) and retried until the receiver answers."
      />
      <SuccessNote message={notice} />
      {planNote && <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">{planNote}</p>}
      {secret && <SecretPanel shown={secret} onDone={() => setSecret(null)} />}

      <Panel title="Add an endpoint" description="A public https address of the receiving system. Only what you tick is sent to it.">
        <form key={formKey} onSubmit={submit} noValidate className="flex flex-col gap-4">
          <FormAlert
            message={create.errors.formError}
            fieldErrors={fe}
            shownFields={["url", "description", "eventTypes", "payloadDetail"]}
          />
          <Field
            name="url"
            label="URL"
            type="url"
            required
            maxLength={2000}
            autoComplete="off"
            placeholder="https://ehr.example.org/agentcare-webhooks"
            errors={fe.url}
          />
          <Field
            name="description"
            label="Description"
            maxLength={200}
            autoComplete="off"
            placeholder="EHR bridge"
            errors={fe.description}
          />
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-slate-800">Events</legend>
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-start gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="eventTypes"
                  value={type}
                  defaultChecked={type.startsWith("appointment.")}
                  className="mt-0.5 h-4 w-4 accent-[var(--brand-primary)]"
                />
                <span>
                  {WEBHOOK_EVENT_LABELS[type]} <code className="text-xs text-slate-600">{type}</code>
                </span>
              </label>
            ))}
            {fe.eventTypes && (
              <p role="alert" className="text-sm text-red-700">
                {fe.eventTypes.join(" ")}
              </p>
            )}
          </fieldset>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-slate-800">How much each delivery says</legend>
            {WEBHOOK_PAYLOAD_DETAILS.map((detail) => (
              <label key={detail} className="flex items-start gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name="payloadDetail"
                  value={detail}
                  defaultChecked={detail === "ids"}
                  className="mt-0.5 h-4 w-4 accent-[var(--brand-primary)]"
                />
                <span>{WEBHOOK_PAYLOAD_DETAIL_LABELS[detail]}</span>
              </label>
            ))}
          </fieldset>
          <div>
            <button type="submit" className={primaryButton} disabled={create.isPending}>
              {create.isPending ? "Adding…" : "Add endpoint"}
            </button>
          </div>
        </form>
      </Panel>

      <Panel title="Endpoints">
        {query.isPending && <LoadingState />}
        {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
        {query.data && rows.length === 0 && <p className="text-sm text-slate-600">No webhook endpoints yet.</p>}
        {rows.length > 0 && (
          <ul className="flex flex-col divide-y divide-slate-100">
            {rows.map((row) => (
              <EndpointRow
                key={row.id}
                row={row}
                onSecret={(s) => setSecret({ url: row.url, secret: s, rotated: true })}
                onNotice={setNotice}
              />
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

function EndpointRow({
  row,
  onSecret,
  onNotice,
}: {
  row: WebhookEndpointView;
  onSecret: (secret: string) => void;
  onNotice: (message: string | null) => void;
}) {
  const tenant = useTenant();
  const key = settingsKeys.webhooks(tenant.organization.id);
  const [open, setOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onError = (err: Error) => setError(err.message || "That did not work. Please try again.");
  const toggle = useActionMutation(() => updateWebhookEndpointAction({ id: row.id, patch: { enabled: !row.enabled } }), {
    invalidate: [key],
    onSuccess: () => onNotice(row.enabled ? `${row.url} turned off.` : `${row.url} turned on.`),
  });
  const rotate = useActionMutation(() => rotateWebhookSecretAction({ id: row.id }), {
    invalidate: [key],
    secret: true,
    onSuccess: (data) => onSecret(data.secret),
  });
  const remove = useActionMutation(() => deleteWebhookEndpointAction({ id: row.id }), {
    invalidate: [key],
    onSuccess: () => onNotice(`${row.url} removed, with its deliveries.`),
  });
  const name = row.description || row.url;
  return (
    <li className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1 basis-72">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            <span className="break-all">{row.url}</span>
            {row.enabled ? <Badge tone="good">On</Badge> : <Badge tone="bad">Off</Badge>}
          </p>
          {row.description && <p className="text-sm text-slate-700">{row.description}</p>}
          <p className="text-xs text-slate-600">
            {row.eventTypes.join(", ")} · {WEBHOOK_PAYLOAD_DETAIL_LABELS[row.payloadDetail as WebhookPayloadDetail]}
          </p>
          {row.disabledReason && (
            <p className="mt-1 rounded-md border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-950">
              Turned off by AgentCare: {row.disabledReason}. Turn it back on once the receiver works.
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={secondaryButton} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? "Hide deliveries" : "Deliveries"}
            <span className="sr-only"> of {name}</span>
          </button>
          <button
            type="button"
            className={secondaryButton}
            disabled={toggle.isPending}
            onClick={() => toggle.mutate(undefined, { onError })}
          >
            {row.enabled ? "Turn off" : "Turn on"}
            <span className="sr-only"> {name}</span>
          </button>
          <button
            type="button"
            className={secondaryButton}
            disabled={rotate.isPending}
            onClick={() => rotate.mutate(undefined, { onError })}
          >
            New secret<span className="sr-only"> for {name}</span>
          </button>
          {!confirmDelete && (
            <button type="button" className={dangerButton} onClick={() => setConfirmDelete(true)}>
              Remove<span className="sr-only"> {name}</span>
            </button>
          )}
        </div>
      </div>
      {confirmDelete && (
        <div className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-slate-900">
          <p>Remove {row.url}? Nothing more is sent to it, and its deliveries are deleted.</p>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={dangerButton}
              disabled={remove.isPending}
              onClick={() => remove.mutate(undefined, { onError })}
            >
              {remove.isPending ? "Removing…" : "Yes, remove"}
            </button>
            <button type="button" className={secondaryButton} onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {open && <Deliveries endpoint={row} />}
    </li>
  );
}

const STATUS_LABEL: Record<string, { label: string; tone: "good" | "bad" | "neutral" }> = {
  sent: { label: "Delivered", tone: "good" },
  pending: { label: "Waiting to retry", tone: "neutral" },
  sending: { label: "Sending", tone: "neutral" },
  failed: { label: "Given up", tone: "bad" },
};

function Deliveries({ endpoint }: { endpoint: WebhookEndpointView }) {
  const tenant = useTenant();
  const key = settingsKeys.webhookDeliveries(tenant.organization.id, endpoint.id);
  const query = useQuery({ queryKey: key, queryFn: () => unwrap(webhookDeliveriesAction({ id: endpoint.id, limit: 50 })) });
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const replay = useActionMutation((d: WebhookDeliveryView) => replayWebhookDeliveryAction({ id: endpoint.id, deliveryId: d.id }), {
    invalidate: [key],
    onSuccess: (data) => setNotice(`Queued again as ${data.messageId}: it is sent within a minute.`),
  });
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: tenant.organization.timeZone });
  const rows = query.data?.data ?? [];
  return (
    <section aria-label={`Deliveries to ${endpoint.url}`} className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <SuccessNote message={notice} />
      {error && (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
      {query.data && rows.length === 0 && <p className="text-sm text-slate-600">Nothing sent to it yet.</p>}
      {rows.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="text-slate-700">
                {["When", "Event", "Status", "Receiver answered", "Payload", "Send again"].map((h) => (
                  <th key={h} scope="col" className="px-2 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const status = STATUS_LABEL[d.status] ?? { label: d.status, tone: "neutral" as const };
                return (
                  <tr key={d.id} className="border-t border-slate-200 align-top">
                    <td className="whitespace-nowrap px-2 py-2">{when.format(new Date(d.createdAt))}</td>
                    <td className="px-2 py-2 font-mono text-xs">{d.eventType}</td>
                    <td className="px-2 py-2">
                      <Badge tone={status.tone}>{status.label}</Badge>
                      <span className="block text-xs text-slate-600">
                        {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                        {d.replayOf ? " · a replay" : ""}
                      </span>
                    </td>
                    <td className="px-2 py-2 text-xs">
                      {d.lastStatus ? `HTTP ${d.lastStatus}` : "—"}
                      {d.lastError && d.status !== "sent" && <span className="block text-slate-600">{d.lastError}</span>}
                    </td>
                    <td className="px-2 py-2">
                      <details>
                        <summary className="cursor-pointer text-xs text-slate-700">{d.messageId}</summary>
                        <pre className="mt-1 max-w-md overflow-x-auto rounded bg-white p-2 font-mono text-xs">
                          {JSON.stringify(d.payload, null, 2)}
                        </pre>
                      </details>
                    </td>
                    <td className="px-2 py-2">
                      <button
                        type="button"
                        className={secondaryButton}
                        disabled={!endpoint.enabled || replay.isPending}
                        onClick={() => {
                          setError(null);
                          replay.mutate(d, { onError: (err) => setError(err.message || "Could not send it again.") });
                        }}
                      >
                        Resend<span className="sr-only"> {d.messageId}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SecretPanel({ shown, onDone }: { shown: Secret; onDone: () => void }) {
  return (
    <section
      aria-labelledby="webhook-secret-heading"
      className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 shadow-sm"
    >
      <h2 id="webhook-secret-heading" className="font-semibold">
        Copy the {shown.rotated ? "new " : ""}signing secret for {shown.url} now
      </h2>
      <p>
        This is the only time it is shown. The receiver checks each delivery&apos;s <code>webhook-signature</code> header with it (any
        Standard Webhooks library does this).{shown.rotated ? " The old secret no longer signs anything." : ""}
      </p>
      <CopyField id="webhook-secret" label="Signing secret" value={shown.secret} copyLabel="Copy secret" inputClassName="bg-white" />
      <div>
        <button type="button" className={secondaryButton} onClick={onDone}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
