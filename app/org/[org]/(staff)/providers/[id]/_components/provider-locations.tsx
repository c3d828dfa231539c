"use client";

import { useState } from "react";
import { SaveBar } from "@/components/ui/form-actions";
import { FormAlert, inputClass } from "@/components/ui/form-field";
import { Panel } from "@/components/ui/panel";
import type { ProviderDetail } from "@/lib/providers/service";
import { setProviderLocationsAction } from "../../actions";
import { useProviderMutation } from "./use-provider-mutation";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

type Week = Record<number, string>;
const weekOf = (provider: ProviderDetail): Week => Object.fromEntries(provider.weekLocations.map((w) => [w.weekday, w.locationId]));
const keyOf = (week: Week) =>
  JSON.stringify(
    Object.entries(week)
      .filter(([, v]) => v)
      .sort(),
  );

/** Where the provider works on each weekday: a location, or the main location when none is chosen. */
export function ProviderLocations({
  provider,
  canManage,
  className = "",
}: {
  provider: ProviderDetail;
  canManage: boolean;
  className?: string;
}) {
  const incoming = weekOf(provider);
  const [baseline, setBaseline] = useState(keyOf(incoming));
  const [week, setWeek] = useState<Week>(incoming);
  if (keyOf(incoming) !== baseline) {
    setBaseline(keyOf(incoming));
    setWeek(incoming);
  }
  const [notice, setNotice] = useState<string | null>(null);
  const save = useProviderMutation(
    (days: { weekday: number; locationId: string }[]) => setProviderLocationsAction({ id: provider.id, days }),
    { onSuccess: () => setNotice("Locations saved.") },
  );
  const main = provider.locations.find((l) => l.active);
  const dirty = keyOf(week) !== baseline;

  return (
    <Panel
      title="Locations"
      className={className}
      description={`Where ${provider.name} sees patients on each weekday. Days left at the main location${main ? ` (${main.name})` : ""} follow it if it changes.`}
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          save.mutate(
            Object.entries(week)
              .filter(([, locationId]) => locationId)
              .map(([weekday, locationId]) => ({ weekday: Number(weekday), locationId })),
          );
        }}
      >
        <FormAlert message={save.errors.formError ?? save.errors.fieldErrors.days?.[0]} />
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {WEEKDAYS.map((day, i) => {
            const weekday = i + 1;
            const id = `provider-location-${weekday}`;
            return (
              <div key={day} className="flex flex-col gap-1">
                <label htmlFor={id} className="text-sm font-medium text-slate-700">
                  {day}
                </label>
                <select
                  id={id}
                  className={inputClass}
                  value={week[weekday] ?? ""}
                  disabled={!canManage}
                  onChange={(e) => setWeek((w) => ({ ...w, [weekday]: e.target.value }))}
                >
                  <option value="">Main location{main ? ` (${main.name})` : ""}</option>
                  {provider.locations.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.active ? l.name : `${l.name} (closed: not bookable)`}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </div>
        {canManage && (
          <SaveBar
            pending={save.isPending}
            label="Save locations"
            notice={notice}
            dirty={dirty}
            onDiscard={() => setWeek(weekOf(provider))}
          />
        )}
      </form>
    </Panel>
  );
}
