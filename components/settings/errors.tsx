"use client";

import Link from "next/link";
import { ApiError, formErrorsFrom, type FieldErrors } from "@/components/staff/api-client";
import { useTenantHref } from "@/components/tenancy/tenant-provider";
import { FormAlert } from "@/components/ui/form-field";

/** A form's errors; `planLimit` holds a 402 ("plan limit reached … upgrade to …") on its own. */
export type SettingsErrors = { formError?: string; fieldErrors: FieldErrors; planLimit?: string };

export const NO_ERRORS: SettingsErrors = { fieldErrors: {} };

export function isPlanLimit(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 402;
}

export function settingsErrorsFrom(err: unknown, conflictFields: Record<string, string> = {}): SettingsErrors {
  if (isPlanLimit(err)) return { planLimit: err.message, fieldErrors: {} };
  const result = formErrorsFrom(err, conflictFields);
  // A service's own refusal ("addresses under … are assigned by AgentCare") says more than "correct the field".
  if (err instanceof ApiError && err.status === 400 && err.code !== "validation") return { ...result, formError: err.message };
  return result;
}

/** The plan does not pay for this: its message names the limit and the upgrade. */
export function PlanLimitAlert({ message }: { message: string }) {
  const href = useTenantHref();
  return (
    <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <p className="font-semibold">Not included in your plan</p>
      <p className="mt-0.5">{message}</p>
      <p className="mt-1">
        <Link href={href("/settings/usage")} className="font-medium underline">
          See your plan and usage
        </Link>{" "}
        · AgentCare changes plans on request.
      </p>
    </div>
  );
}

export function ErrorSummary({ errors, shownFields = [] }: { errors: SettingsErrors; shownFields?: readonly string[] }) {
  if (errors.planLimit) return <PlanLimitAlert message={errors.planLimit} />;
  return <FormAlert message={errors.formError} fieldErrors={errors.fieldErrors} shownFields={shownFields} />;
}
