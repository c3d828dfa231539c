"use client";

import { useState } from "react";
import { useApi } from "@/components/staff/api-client";
import type { Provider } from "@/components/staff/api-types";
import { ProviderForm } from "@/components/staff/provider-form";
import { FormAlert, SuccessNote, dangerButton, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { Badge, Panel } from "@/components/ui/panel";
import { useProviderMutation } from "./use-provider-mutation";

export function ProviderDetailsPanel({ provider, canManage }: { provider: Provider; canManage: boolean }) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const setActive = useProviderMutation(
    (active: boolean) => api.patch<{ data: Provider }>(`/api/v1/providers/${provider.id}`, { active }),
    {
      onSuccess: ({ data }) => {
        setConfirming(false);
        setNotice(data.active ? "Provider reactivated." : "Provider deactivated.");
      },
      onError: (err) => setError(err instanceof Error ? err.message : "Could not change the provider's status."),
    },
  );

  return (
    <Panel
      title="Details"
      actions={
        canManage && !editing ? (
          <button
            type="button"
            className={secondaryButton}
            onClick={() => {
              setNotice(null);
              setEditing(true);
            }}
          >
            Edit details
          </button>
        ) : null
      }
    >
      {editing ? (
        <ProviderForm
          provider={provider}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setNotice("Provider details saved.");
          }}
        />
      ) : (
        <div className="flex flex-col gap-4">
          <SuccessNote message={notice} />
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
            {(
              [
                ["Name", provider.name],
                ["Title", provider.title],
                ["Specialty", provider.specialty],
                ["Licence number", provider.licenseNumber],
                ["E-mail", provider.email],
                ["Phone", provider.phone],
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <dt className="text-slate-500">{label}</dt>
                <dd className="break-words font-medium">{value || <span className="font-normal text-slate-400">Not recorded</span>}</dd>
              </div>
            ))}
            <div>
              <dt className="text-slate-500">Online booking</dt>
              <dd>
                {provider.acceptsOnlineBooking ? <Badge tone="good">Accepts online booking</Badge> : <Badge>Staff booking only</Badge>}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Telehealth</dt>
              <dd>{provider.offersTelehealth ? <Badge tone="video">Offers video visits</Badge> : <Badge>In person only</Badge>}</dd>
            </div>
          </dl>

          {canManage && (
            <div className="flex flex-col gap-2 border-t border-slate-100 pt-4">
              <FormAlert message={error} />
              {provider.active && !confirming && (
                <div>
                  <button
                    type="button"
                    className={dangerButton}
                    onClick={() => {
                      setError(null);
                      setNotice(null);
                      setConfirming(true);
                    }}
                  >
                    Deactivate provider
                  </button>
                </div>
              )}
              {provider.active && confirming && (
                <div className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
                  <p>
                    Deactivate {provider.name}? No new appointments can be booked with them; existing appointments are kept. You can
                    reactivate them later.
                  </p>
                  <div className="flex flex-wrap gap-2">
                    <button type="button" className={dangerButton} disabled={setActive.isPending} onClick={() => setActive.mutate(false)}>
                      {setActive.isPending ? "Deactivating…" : "Yes, deactivate"}
                    </button>
                    <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
                      Keep active
                    </button>
                  </div>
                </div>
              )}
              {!provider.active && (
                <div className="flex flex-wrap items-center gap-3">
                  <p className="text-sm text-slate-600">This provider is inactive: nobody can book with them.</p>
                  <button
                    type="button"
                    className={primaryButton}
                    disabled={setActive.isPending}
                    onClick={() => {
                      setError(null);
                      setNotice(null);
                      setActive.mutate(true);
                    }}
                  >
                    {setActive.isPending ? "Reactivating…" : "Reactivate provider"}
                  </button>
                </div>
              )}
            </div>
          )}
        </div>
      )}
    </Panel>
  );
}
