"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { listAppointmentTypesAction } from "@/app/org/[org]/(staff)/appointment-types/actions";
import { unwrap } from "@/components/actions/action-client";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { SaveBar } from "@/components/ui/form-actions";
import { FormAlert, secondaryButton } from "@/components/ui/form-field";
import { Badge, Panel } from "@/components/ui/panel";
import type { ProviderDetail } from "@/lib/providers/service";
import { setOfferedTypesAction } from "../../actions";
import { useProviderMutation } from "./use-provider-mutation";

const sorted = (ids: Iterable<string>) => [...ids].sort().join();

export function OfferedTypes({ provider, canManage }: { provider: ProviderDetail; canManage: boolean }) {
  const tenant = useTenant();
  const types = useQuery({
    queryKey: staffKeys.appointmentTypeList(tenant.organization.id),
    queryFn: () => unwrap(listAppointmentTypesAction({})),
  });
  const incoming = sorted(provider.appointmentTypeIds);
  const [baseline, setBaseline] = useState(incoming);
  const [checked, setChecked] = useState(() => new Set(provider.appointmentTypeIds));
  if (incoming !== baseline) {
    setBaseline(incoming);
    if (sorted(checked) === baseline) setChecked(new Set(provider.appointmentTypeIds));
  }
  const [notice, setNotice] = useState<string | null>(null);

  const save = useProviderMutation((ids: string[]) => setOfferedTypesAction({ id: provider.id, appointmentTypeIds: ids }), {
    onSuccess: () => setNotice("Offered appointment types saved."),
  });
  const dirty = sorted(checked) !== incoming;

  return (
    <Panel
      title="Appointment types offered"
      description={
        <>
          <strong className="font-medium text-slate-700">None checked = offers every type.</strong> Check types to limit this provider to
          them.
        </>
      }
    >
      {types.isPending && <LoadingState />}
      {types.isError && <ErrorState message={types.error.message} onRetry={() => void types.refetch()} />}
      {types.data && (
        <form
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            setNotice(null);
            save.setErrors({ fieldErrors: {} });
            save.mutate([...checked]);
          }}
        >
          <FormAlert message={save.errors.formError} />
          {types.data.length === 0 && <p className="text-sm text-slate-500">No appointment types exist yet.</p>}
          <fieldset>
            <legend className="sr-only">Appointment types this provider offers</legend>
            <ul className="flex flex-col gap-2">
              {types.data.map((t) => (
                <li key={t.id}>
                  <label className="flex items-start gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={checked.has(t.id)}
                      disabled={!canManage}
                      onChange={(e) =>
                        setChecked((prev) => {
                          const next = new Set(prev);
                          if (e.target.checked) next.add(t.id);
                          else next.delete(t.id);
                          return next;
                        })
                      }
                      className="mt-0.5 h-4 w-4 shrink-0 accent-[var(--brand-primary)]"
                    />
                    <span>
                      <span className="font-medium">{t.name}</span> <span className="text-slate-500">· {t.durationMinutes} min</span>
                      {!t.active && (
                        <>
                          {" "}
                          <Badge>Inactive</Badge>
                        </>
                      )}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <p className="text-sm text-slate-600" aria-live="polite">
            {checked.size === 0
              ? "Currently: offers every appointment type."
              : `Currently: offers ${checked.size} of ${types.data.length} types.`}
          </p>
          {canManage && (
            <SaveBar pending={save.isPending} label="Save offered types" notice={notice} dirty={dirty}>
              {checked.size > 0 && (
                <button type="button" className={secondaryButton} onClick={() => setChecked(new Set())}>
                  Clear all (offer every type)
                </button>
              )}
            </SaveBar>
          )}
        </form>
      )}
    </Panel>
  );
}
