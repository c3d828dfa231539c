"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { PlanLimitAlert, isPlanLimit } from "@/components/settings/plan-limit";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, SuccessNote, dangerButton, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { CreateInline } from "@/components/ui/form-inline";
import { Badge, Panel } from "@/components/ui/panel";
import type { TxtRecord } from "@/lib/administration/dns-resolver";
import type { DomainListing } from "@/lib/administration/settings";
import { addDomainAction, domainsAction, makeDomainPrimaryAction, removeDomainAction, verifyDomainAction } from "../actions";

type Row = Pick<DomainListing, "id" | "domain">;

export function DomainsSettings({
  ownDomain,
  rootHost,
  domainsUpgrade,
}: {
  ownDomain: string;
  rootHost: string;
  /** Why custom domains cannot be added on this plan, or null when they can. */
  domainsUpgrade: string | null;
}) {
  const tenant = useTenant();
  const key = settingsKeys.domains(tenant.organization.id);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const query = useQuery({ queryKey: key, queryFn: () => unwrap(domainsAction({})) });

  const add = useActionMutation(addDomainAction, {
    invalidate: [key],
    onSuccess: (domain) => {
      setFormKey((k) => k + 1);
      setNotice(`${domain.domain} added. Create the DNS record shown below, then press Verify.`);
    },
  });
  const verify = useActionMutation((row: Row) => verifyDomainAction({ id: row.id }), {
    invalidate: [key],
    onSuccess: (domain) => setNotice(`${domain.domain} is verified and now serves your public site.`),
  });
  const makePrimary = useActionMutation((row: Row) => makeDomainPrimaryAction({ id: row.id }), {
    invalidate: [key],
    onSuccess: (domain) => setNotice(`${domain.domain} is now your primary domain.`),
  });
  const remove = useActionMutation((row: Row) => removeDomainAction({ id: row.id }), {
    invalidate: [key],
    onSuccess: (_data, row) => {
      setConfirmRemove(null);
      setNotice(`${row.domain} removed.`);
    },
  });
  const rowActions = [verify, makePrimary, remove];
  /** One row action at a time: the others' old errors and the last notice go. */
  const run = (action: (typeof rowActions)[number], row: Row) => {
    for (const other of rowActions) other.reset();
    setNotice(null);
    action.mutate(row);
  };
  const rowError = (id: string) => rowActions.find((a) => a.isError && a.variables?.id === id)?.error ?? null;
  const pending = (action: (typeof rowActions)[number], id: string) => action.isPending && action.variables?.id === id;

  const rows = [...(query.data ?? [])].sort(
    (a, b) =>
      Number(b.isPrimary) - Number(a.isPrimary) ||
      Number(b.domain === ownDomain) - Number(a.domain === ownDomain) ||
      a.domain.localeCompare(b.domain),
  );
  const busy = (id: string) => rowActions.some((action) => pending(action, id));

  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader
        title="Domains"
        description={`Your AgentCare address is ${ownDomain}. Add your own domain for the public booking site.`}
      />
      <SuccessNote message={notice} />

      <Panel title="Your domains">
        {query.isPending && <LoadingState />}
        {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
        {query.data && (
          <ul className="flex flex-col divide-y divide-slate-100">
            {rows.map((d) => {
              const own = d.domain === ownDomain;
              const error = rowError(d.id);
              return (
                <li key={d.id} className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0">
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <div className="flex min-w-0 flex-wrap items-center gap-2">
                      <span className="break-all font-medium">{d.domain}</span>
                      {d.isPrimary && <Badge tone="info">Primary</Badge>}
                      {own && <Badge>AgentCare address</Badge>}
                      {d.verifiedAt ? <Badge tone="good">Verified</Badge> : <Badge tone="warn">Waiting for verification</Badge>}
                    </div>
                    <div className="flex flex-wrap gap-2">
                      {!d.verifiedAt && (
                        <button type="button" className={primaryButton} disabled={busy(d.id)} onClick={() => run(verify, d)}>
                          {pending(verify, d.id) ? "Checking DNS…" : "Verify"}
                        </button>
                      )}
                      {d.verifiedAt && !d.isPrimary && (
                        <button type="button" className={secondaryButton} disabled={busy(d.id)} onClick={() => run(makePrimary, d)}>
                          {pending(makePrimary, d.id) ? "Saving…" : "Make primary"}
                        </button>
                      )}
                      {!own && !d.isPrimary && confirmRemove !== d.id && (
                        <button
                          type="button"
                          className={dangerButton}
                          disabled={busy(d.id)}
                          onClick={() => {
                            for (const other of rowActions) other.reset();
                            setConfirmRemove(d.id);
                          }}
                        >
                          Remove
                        </button>
                      )}
                    </div>
                  </div>
                  {confirmRemove === d.id && (
                    <div className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
                      <p>Remove {d.domain}? It stops serving your site at once.</p>
                      <div className="flex flex-wrap gap-2">
                        <button type="button" className={dangerButton} disabled={busy(d.id)} onClick={() => run(remove, d)}>
                          {pending(remove, d.id) ? "Removing…" : "Yes, remove"}
                        </button>
                        <button type="button" className={secondaryButton} onClick={() => setConfirmRemove(null)}>
                          Keep it
                        </button>
                      </div>
                    </div>
                  )}
                  {error &&
                    (isPlanLimit(error) ? (
                      <PlanLimitAlert message={error.message} />
                    ) : (
                      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                        {error.message}
                      </p>
                    ))}
                  {d.verification && <TxtInstructions record={d.verification} />}
                </li>
              );
            })}
          </ul>
        )}
      </Panel>

      <Panel title="Add a custom domain" description="For example book.yourhospital.org. Staff keep signing in on your AgentCare address.">
        <div className="flex flex-col gap-4">
          {domainsUpgrade && (
            <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">{domainsUpgrade}</p>
          )}
          <CreateInline
            key={formKey}
            mutation={add}
            shownFields={["domain"]}
            required={{ domain: "Enter a domain such as book.yourhospital.org." }}
            columns="sm:grid-cols-[minmax(0,1fr)_auto]"
            submitLabel="Add domain"
            pendingLabel="Adding…"
            onSubmit={({ text }) => {
              setNotice(null);
              add.mutate({ domain: text("domain").toLowerCase(), isPrimary: false });
            }}
          >
            <Field
              name="domain"
              label="Domain"
              required
              autoComplete="off"
              placeholder="book.yourhospital.org"
              hint={`Not under ${rootHost}: those addresses are assigned by AgentCare.`}
              errors={add.errors.fieldErrors.domain}
            />
          </CreateInline>
        </div>
      </Panel>
    </div>
  );
}

function TxtInstructions({ record }: { record: TxtRecord }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <p className="mb-2 text-slate-700">
        At your DNS provider, create this record. Verification can take a few minutes to an hour after you add it.
      </p>
      <dl className="grid gap-2">
        <TxtRow term="Type" value={record.type} />
        <TxtRow term="Name" value={record.name} copyLabel="Copy name" />
        <TxtRow term="Value" value={record.value} copyLabel="Copy value" />
      </dl>
    </div>
  );
}

/** One part of the record; a long one can be copied. */
function TxtRow({ term, value, copyLabel }: { term: string; value: string; copyLabel?: string }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[4rem_1fr_auto] sm:items-center sm:gap-3">
      <dt className="text-slate-500">{term}</dt>
      <dd className="break-all font-mono">{value}</dd>
      {copyLabel && (
        <dd>
          <CopyButton text={value} label={copyLabel} />
        </dd>
      )}
    </div>
  );
}
