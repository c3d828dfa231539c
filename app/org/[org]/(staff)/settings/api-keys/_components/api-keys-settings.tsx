"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CopyField } from "@/components/ui/copy-field";
import { Field, SelectField, SuccessNote, dangerButton, secondaryButton } from "@/components/ui/form-field";
import { CreateInline } from "@/components/ui/form-inline";
import { Badge, Panel } from "@/components/ui/panel";
import type { ApiKeyView, NewApiKey } from "@/lib/api-keys/service";
import type { ApiKeyInput } from "@/lib/api-keys/schemas";
import { ROLE_LABELS } from "@/lib/tenancy/permissions";
import { apiKeysAction, createApiKeyAction, revokeApiKeyAction } from "../actions";

const KEY_ROLES = [
  ["staff", ROLE_LABELS.staff],
  ["clinician", ROLE_LABELS.clinician],
  ["admin", ROLE_LABELS.admin],
] as const;
const KEY_ROLE_HINT = "Front desk: appointments and patients. Clinician: as a clinician. Administrator: everything but the plan.";

/** `planNote`: why this plan cannot use keys (null when it can); `examplePath`: the API path the curl example calls. */
export function ApiKeysSettings({ planNote, examplePath }: { planNote: string | null; examplePath: string }) {
  const tenant = useTenant();
  const key = settingsKeys.apiKeys(tenant.organization.id);
  // Shown once: kept in this component's state only (gone when the page is left), never in the query cache.
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);

  const query = useQuery({ queryKey: key, queryFn: () => unwrap(apiKeysAction({})) });
  const create = useActionMutation((input: ApiKeyInput) => createApiKeyAction(input), {
    invalidate: [key],
    secret: true,
    onSuccess: (data) => {
      setCreated(data);
      setFormKey((k) => k + 1);
    },
  });
  const fe = create.errors.fieldErrors;
  const revoke = useActionMutation((row: ApiKeyView) => revokeApiKeyAction({ id: row.id }), {
    invalidate: [key],
    onSuccess: (_data, row) => {
      setConfirmRevoke(null);
      if (created?.key.id === row.id) setCreated(null);
      setNotice(`“${row.name}” revoked. Requests with it are refused from now on.`);
    },
  });
  const revokeKey = (row: ApiKeyView) => {
    setRowError(null);
    setNotice(null);
    revoke.mutate(row, { onError: (err) => setRowError({ id: row.id, message: err.message || "Could not revoke the key." }) });
  };

  const rows = query.data ?? [];
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: tenant.organization.timeZone });

  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader
        title="API keys"
        description="Let other systems (an EHR, a call centre, a website) use the AgentCare API for this organization only."
      />
      <SuccessNote message={notice} />
      {planNote && <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">{planNote}</p>}

      {created && <NewKeyPanel examplePath={examplePath} created={created} onDone={() => setCreated(null)} />}

      <Panel title="Create a key" description="Name it after what uses it. The key acts with the role you choose.">
        <CreateInline
          key={formKey}
          mutation={create}
          shownFields={["name", "role", "expiresAt"]}
          required={{ name: "Name the key after what uses it." }}
          columns="sm:grid-cols-[minmax(0,1fr)_14rem_11rem_auto]"
          submitLabel="Create key"
          pendingLabel="Creating…"
          onSubmit={({ text }) => {
            setNotice(null);
            const expiresOn = text("expiresOn");
            create.mutate({
              name: text("name"),
              role: text("role") as ApiKeyInput["role"],
              // The end of the chosen day, in the browser's time zone.
              ...(expiresOn ? { expiresAt: new Date(`${expiresOn}T23:59:59`).toISOString() } : {}),
            });
          }}
        >
          <Field name="name" label="Name" required maxLength={80} autoComplete="off" placeholder="Front-desk kiosk" errors={fe.name} />
          <SelectField name="role" label="Role" options={KEY_ROLES} defaultValue="staff" hint={KEY_ROLE_HINT} errors={fe.role} />
          <Field name="expiresOn" label="Expires" type="date" hint="Empty: until revoked." errors={fe.expiresAt} />
        </CreateInline>
      </Panel>

      <Panel title="Keys">
        {query.isPending && <LoadingState />}
        {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
        {query.data && rows.length === 0 && <p className="text-sm text-slate-500">No API keys yet.</p>}
        {rows.length > 0 && (
          <ul className="flex flex-col divide-y divide-slate-100">
            {rows.map((row) => (
              <li key={row.id} className={`flex flex-col gap-2 py-3 first:pt-0 last:pb-0 ${row.revokedAt ? "text-slate-500" : ""}`}>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                  <div className="min-w-0 flex-1 basis-64">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      <span className="break-all">{row.name}</span>
                      <Badge>{ROLE_LABELS[row.role]}</Badge>
                      {row.revokedAt ? (
                        <Badge tone="bad">Revoked</Badge>
                      ) : isExpired(row) ? (
                        <Badge tone="bad">Expired</Badge>
                      ) : (
                        <Badge tone="good">Active</Badge>
                      )}
                    </p>
                    <p className="break-all font-mono text-xs text-slate-500">{row.display}</p>
                    <p className="text-xs text-slate-500">
                      Created {when.format(new Date(row.createdAt))} ·{" "}
                      {row.lastUsedAt ? `last used ${when.format(new Date(row.lastUsedAt))}` : "never used"}
                      {row.revokedAt && ` · revoked ${when.format(new Date(row.revokedAt))}`}
                      {!row.revokedAt &&
                        (row.expiresAt
                          ? ` · ${isExpired(row) ? "expired" : "expires"} ${when.format(new Date(row.expiresAt))}`
                          : " · no expiry")}
                    </p>
                  </div>
                  {!row.revokedAt && confirmRevoke !== row.id && (
                    <button
                      type="button"
                      className={dangerButton}
                      onClick={() => {
                        setRowError(null);
                        setConfirmRevoke(row.id);
                      }}
                      aria-label={`Revoke ${row.name}`}
                    >
                      Revoke
                    </button>
                  )}
                </div>
                {confirmRevoke === row.id && (
                  <div className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-slate-900">
                    <p>Revoke “{row.name}”? Anything using it stops working at once. This cannot be undone.</p>
                    <div className="flex flex-wrap gap-2">
                      <button type="button" className={dangerButton} disabled={revoke.isPending} onClick={() => revokeKey(row)}>
                        {revoke.isPending && revoke.variables?.id === row.id ? "Revoking…" : "Yes, revoke"}
                      </button>
                      <button type="button" className={secondaryButton} onClick={() => setConfirmRevoke(null)}>
                        Keep it
                      </button>
                    </div>
                  </div>
                )}
                {rowError?.id === row.id && (
                  <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                    {rowError.message}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

function isExpired(row: ApiKeyView): boolean {
  return row.expiresAt !== null && new Date(row.expiresAt).getTime() <= Date.now();
}

function NewKeyPanel({ created: { key, token }, examplePath, onDone }: { created: NewApiKey; examplePath: string; onDone: () => void }) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <section
      aria-labelledby="new-key-heading"
      className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 shadow-sm"
    >
      <h2 id="new-key-heading" className="font-semibold">
        Copy the key for “{key.name}” now
      </h2>
      <p>This is the only time it is shown. AgentCare keeps only a fingerprint of it; if you lose it, revoke it and create a new one.</p>
      <CopyField id="new-api-key" label="New API key" value={token} copyLabel="Copy key" inputClassName="bg-white" />
      <p>
        Use it as <code className="rounded bg-white px-1 py-0.5 font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>, for example:
      </p>
      <pre className="overflow-x-auto rounded-md bg-white p-2 font-mono text-xs text-slate-800">
        curl -H &quot;Authorization: Bearer $AGENTCARE_KEY&quot; {origin}
        {examplePath}
      </pre>
      <div>
        <button type="button" className={secondaryButton} onClick={onDone}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
