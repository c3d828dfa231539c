"use client";

import { useState } from "react";
import { ProviderForm } from "@/app/org/[org]/(staff)/providers/_components/provider-form";
import { FormAlert, SuccessNote, dangerButton, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { Badge, Panel } from "@/components/ui/panel";
import type { Provider } from "@/lib/db/schema";
import { updateProviderAction } from "../../actions";
import { useProviderMutation } from "./use-provider-mutation";

export function ProviderDetailsPanel({ provider, canManage }: { provider: Provider; canManage: boolean }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const setActive = useProviderMutation((active: boolean) => updateProviderAction({ id: provider.id, active }), {
    onSuccess: (saved) => {
      setConfirming(false);
      setNotice(saved.active ? "Provider reactivated." : "Provider deactivated.");
    },
  });
  const clearMessages = () => {
    setActive.setErrors({ fieldErrors: {} });
    setNotice(null);
  };

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
                <dd className="break-words font-medium">{value || <span className="font-normal text-slate-500">Not recorded</span>}</dd>
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
              <FormAlert message={setActive.errors.formError} />
              {provider.active && !confirming && (
                <div>
                  <button
                    type="button"
                    className={dangerButton}
                    onClick={() => {
                      clearMessages();
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
                      clearMessages();
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
