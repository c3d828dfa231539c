"use client";

import Link from "next/link";
import { ActionError, type FormErrors } from "@/components/actions/action-client";
import { useTenantHref } from "@/components/tenancy/tenant-provider";
import { FormAlert } from "@/components/ui/form-field";

/** A 402: the request is fine, the plan does not pay for it (its message names the upgrade). */
export function isPlanLimit(err: unknown): err is ActionError {
  return err instanceof ActionError && (err.code.startsWith("plan_limit:") || err.code.startsWith("plan_feature:"));
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

/**
 * A settings form's failure: a plan limit on its own (with the way to upgrade), otherwise the
 * form's message and any field error the form has no input for.
 */
export function SettingsFormAlert({
  errors,
  error,
  shownFields = [],
}: {
  errors: FormErrors;
  /** The mutation's last error (null once it succeeds or is reset). */
  error: unknown;
  shownFields?: readonly string[];
}) {
  if (isPlanLimit(error)) return <PlanLimitAlert message={error.message} />;
  return <FormAlert message={errors.formError} fieldErrors={errors.fieldErrors} shownFields={shownFields} />;
}
