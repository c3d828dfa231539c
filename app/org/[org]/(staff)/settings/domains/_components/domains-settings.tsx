"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { DomainRow, TxtRecord } from "@/components/settings/api-types";
import {
  ErrorSummary,
  NO_ERRORS,
  PlanLimitAlert,
  isPlanLimit,
  settingsErrorsFrom,
  type SettingsErrors,
} from "@/components/settings/errors";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { useApi } from "@/components/staff/api-client";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, SuccessNote, dangerButton, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { Badge, Panel } from "@/components/ui/panel";
import { featureMessage, hasFeature } from "@/lib/billing/plans";
import type { OrganizationPlan } from "@/lib/db/schema/enums";

type RowError = { id: string; message: string; planLimit?: boolean };

export function DomainsSettings({ plan, ownDomain, rootHost }: { plan: OrganizationPlan; ownDomain: string; rootHost: string }) {
  const tenant = useTenant();
  const api = useApi();
  const queryClient = useQueryClient();
  const orgId = tenant.organization.id;
  const key = settingsKeys.domains(orgId);
  const base = `/api/v1/organizations/${orgId}/domains`;
  const [addErrors, setAddErrors] = useState<SettingsErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  const [rowError, setRowError] = useState<RowError | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const query = useQuery({ queryKey: key, queryFn: () => api.get<{ data: DomainRow[] }>("/api/v1/settings/domains") });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const onRowError = (id: string) => (err: unknown) =>
    setRowError({
      id,
      message: err instanceof Error ? err.message : "Something went wrong. Please try again.",
      planLimit: isPlanLimit(err),
    });

  const add = useMutation({
    mutationFn: (domain: string) => api.post<{ data: DomainRow }>(base, { domain, isPrimary: false }),
    onSuccess: async ({ data }) => {
      setAddErrors(NO_ERRORS);
      setFormKey((k) => k + 1);
      setNotice(`${data.domain} added. Create the DNS record shown below, then press Verify.`);
      await refresh();
    },
    onError: (err) => setAddErrors(settingsErrorsFrom(err, { domain: "domain" })),
  });
  const verify = useMutation({
    mutationFn: (id: string) => api.post(`${base}/${id}/verify`, {}),
    onMutate: () => {
      setRowError(null);
      setNotice(null);
    },
    onSuccess: async (_data, id) => {
      const row = query.data?.data.find((d) => d.id === id);
      setNotice(`${row?.domain ?? "The domain"} is verified and now serves your public site.`);
      await refresh();
    },
    onError: (err, id) => onRowError(id)(err),
  });
  const makePrimary = useMutation({
    mutationFn: (id: string) => api.post(`${base}/${id}/primary`, {}),
    onMutate: () => {
      setRowError(null);
      setNotice(null);
    },
    onSuccess: async (_data, id) => {
      const row = query.data?.data.find((d) => d.id === id);
      setNotice(`${row?.domain ?? "The domain"} is now your primary domain.`);
      await refresh();
    },
    onError: (err, id) => onRowError(id)(err),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`${base}/${id}`),
    onMutate: () => {
      setRowError(null);
      setNotice(null);
    },
    onSuccess: async (_data, id) => {
      const row = query.data?.data.find((d) => d.id === id);
      setConfirmRemove(null);
      setNotice(`${row?.domain ?? "The domain"} removed.`);
      await refresh();
    },
    onError: (err, id) => onRowError(id)(err),
  });

  const rows = [...(query.data?.data ?? [])].sort(
    (a, b) =>
      Number(b.isPrimary) - Number(a.isPrimary) ||
      Number(b.domain === ownDomain) - Number(a.domain === ownDomain) ||
      a.domain.localeCompare(b.domain),
  );
  const busy = (id: string) =>
    (verify.isPending && verify.variables === id) ||
    (makePrimary.isPending && makePrimary.variables === id) ||
    (remove.isPending && remove.variables === id);

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
              const error = rowError?.id === d.id ? rowError : null;
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
                        <button type="button" className={primaryButton} disabled={busy(d.id)} onClick={() => verify.mutate(d.id)}>
                          {verify.isPending && verify.variables === d.id ? "Checking DNS…" : "Verify"}
                        </button>
                      )}
                      {d.verifiedAt && !d.isPrimary && (
                        <button type="button" className={secondaryButton} disabled={busy(d.id)} onClick={() => makePrimary.mutate(d.id)}>
                          {makePrimary.isPending && makePrimary.variables === d.id ? "Saving…" : "Make primary"}
                        </button>
                      )}
                      {!own && !d.isPrimary && confirmRemove !== d.id && (
                        <button
                          type="button"
                          className={dangerButton}
                          disabled={busy(d.id)}
                          onClick={() => {
                            setRowError(null);
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
                        <button type="button" className={dangerButton} disabled={busy(d.id)} onClick={() => remove.mutate(d.id)}>
                          {remove.isPending && remove.variables === d.id ? "Removing…" : "Yes, remove"}
                        </button>
                        <button type="button" className={secondaryButton} onClick={() => setConfirmRemove(null)}>
                          Keep it
                        </button>
                      </div>
                    </div>
                  )}
                  {error &&
                    (error.planLimit ? (
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
          {!hasFeature(plan, "custom_domains") && (
            <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
              {featureMessage(plan, "custom_domains")}
            </p>
          )}
          <form
            key={formKey}
            noValidate
            className="flex flex-col gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              setNotice(null);
              const domain = String(new FormData(e.currentTarget).get("domain") ?? "")
                .trim()
                .toLowerCase();
              if (!domain) {
                setAddErrors({ fieldErrors: { domain: ["Enter a domain such as book.yourhospital.org."] } });
                return;
              }
              add.mutate(domain);
            }}
          >
            <ErrorSummary errors={addErrors} shownFields={["domain"]} />
            <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
              <Field
                name="domain"
                label="Domain"
                required
                autoComplete="off"
                placeholder="book.yourhospital.org"
                hint={`Not under ${rootHost}: those addresses are assigned by AgentCare.`}
                errors={addErrors.fieldErrors.domain}
                className="flex-1"
              />
              <button type="submit" className={`${primaryButton} sm:mt-6`} disabled={add.isPending}>
                {add.isPending ? "Adding…" : "Add domain"}
              </button>
            </div>
          </form>
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
        <div className="grid gap-1 sm:grid-cols-[4rem_1fr_auto] sm:items-center sm:gap-3">
          <dt className="text-slate-500">Type</dt>
          <dd className="font-mono">{record.type}</dd>
        </div>
        <div className="grid gap-1 sm:grid-cols-[4rem_1fr_auto] sm:items-center sm:gap-3">
          <dt className="text-slate-500">Name</dt>
          <dd className="break-all font-mono">{record.name}</dd>
          <dd>
            <CopyButton text={record.name} label="Copy name" />
          </dd>
        </div>
        <div className="grid gap-1 sm:grid-cols-[4rem_1fr_auto] sm:items-center sm:gap-3">
          <dt className="text-slate-500">Value</dt>
          <dd className="break-all font-mono">{record.value}</dd>
          <dd>
            <CopyButton text={record.value} label="Copy value" />
          </dd>
        </div>
      </dl>
    </div>
  );
}
