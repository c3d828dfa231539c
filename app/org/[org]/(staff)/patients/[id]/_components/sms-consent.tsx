"use client";

import { useActionMutation } from "@/components/actions/use-action-mutation";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { secondaryButton } from "@/components/ui/form-field";
import { setPatientSmsConsentAction } from "../../actions";

function day(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium" }).format(date);
}

/** Whether the patient gets appointment texts, and the switch staff use when the patient tells them. */
export function SmsConsent({
  patientId,
  smsConsentAt,
  smsOptedOutAt,
  canWrite,
}: {
  patientId: string;
  smsConsentAt: Date | null;
  smsOptedOutAt: Date | null;
  canWrite: boolean;
}) {
  const tenant = useTenant();
  const zone = tenant.organization.timeZone;
  const save = useActionMutation(setPatientSmsConsentAction, {
    invalidate: [staffKeys.patient(tenant.organization.id, patientId)],
  });
  const status = smsOptedOutAt
    ? `Replied STOP on ${day(smsOptedOutAt, zone)}: no texts until the patient replies START.`
    : smsConsentAt
      ? `Agreed to appointment texts on ${day(smsConsentAt, zone)}.`
      : "Has not agreed to appointment texts.";
  const error = save.errors.formError ?? save.errors.fieldErrors.smsOptIn?.join(" ");
  return (
    <section aria-labelledby="sms-consent-heading" className="flex flex-col gap-2 border-t border-slate-100 pt-3 text-sm">
      <h3 id="sms-consent-heading" className="font-medium text-slate-800">
        Text messages
      </h3>
      <p className="text-slate-600">{status}</p>
      {canWrite && !smsOptedOutAt && (
        <div>
          <button
            type="button"
            className={secondaryButton}
            disabled={save.isPending}
            onClick={() => save.mutate({ id: patientId, smsOptIn: !smsConsentAt })}
          >
            {smsConsentAt ? "Stop appointment texts" : "Patient agrees to appointment texts"}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
