"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { FieldFrame, FormAlert, SuccessNote, inputBase, primaryButton } from "@/components/ui/form-field";
import { INSURANCE_MODES, INSURANCE_MODE_LABELS, type InsuranceMode } from "@/lib/intake/questions";
import { intakeSettingsAction, saveIntakeSettingsAction } from "../actions";

/** Whether every booking asks for the patient's insurance (payer, member ID, group; a card photo later). */
export function InsuranceSetting({ canEdit }: { canEdit: boolean }) {
  const tenant = useTenant();
  const key = [...staffKeys.appointmentTypes(tenant.organization.id), "intake-settings"];
  const current = useQuery({ queryKey: key, queryFn: () => unwrap(intakeSettingsAction({})) });
  const [note, setNote] = useState<string | null>(null);
  const save = useActionMutation(saveIntakeSettingsAction, {
    invalidate: [key],
    onSuccess: (saved) => setNote(`Insurance details: ${INSURANCE_MODE_LABELS[saved.insurance].toLowerCase()}.`),
  });
  if (!current.data) return null;
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        setNote(null);
        const value = new FormData(e.currentTarget).get("insurance") as InsuranceMode;
        save.mutate({ insurance: value });
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <FieldFrame
          label="Insurance details at booking"
          hint="Payer, member ID, group number and policy holder, with an optional photo of the card — for every appointment type."
          errors={save.errors.fieldErrors.insurance}
        >
          {(control) => (
            <select {...control} name="insurance" defaultValue={current.data.insurance} disabled={!canEdit} className={inputBase}>
              {INSURANCE_MODES.map((m) => (
                <option key={m} value={m}>
                  {INSURANCE_MODE_LABELS[m]}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        {canEdit && (
          <button type="submit" className={primaryButton} disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </button>
        )}
      </div>
      <FormAlert message={save.errors.formError} fieldErrors={save.errors.fieldErrors} shownFields={["insurance"]} />
      <SuccessNote message={note} />
    </form>
  );
}
