"use client";

import { signOut } from "next-auth/react";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { useTenantHref } from "@/components/tenancy/tenant-provider";
import { Field, primaryButton } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { changePasswordAction } from "../actions";

function valueOf(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement ? field.value : "";
}

export function ChangePasswordView() {
  const href = useTenantHref();
  // The passwords are the mutation's input: kept out of React Query's cache.
  const change = useActionMutation(changePasswordAction, {
    secret: true,
    onSuccess: async () => {
      await signOut({ callbackUrl: href("/sign-in") });
    },
  });
  const { fieldErrors, formError } = change.errors;

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader
        title="Change password"
        description="After the change every session of your account ends — on this device and any other — and you sign in again with the new password."
      />
      <Panel title="Your password">
        {change.isSuccess ? (
          <p role="status" className="text-sm text-slate-700">
            Your password is changed. Signing you out…
          </p>
        ) : (
          <form
            className="flex flex-col gap-3"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              change.mutate({
                currentPassword: valueOf(e.currentTarget, "currentPassword"),
                newPassword: valueOf(e.currentTarget, "newPassword"),
              });
            }}
          >
            <Field
              name="currentPassword"
              label="Current password"
              type="password"
              autoComplete="current-password"
              errors={fieldErrors.currentPassword}
              className="max-w-sm"
            />
            <Field
              name="newPassword"
              label="New password"
              type="password"
              autoComplete="new-password"
              hint="At least 10 characters."
              errors={fieldErrors.newPassword}
              className="max-w-sm"
            />
            {formError && !fieldErrors.currentPassword && !fieldErrors.newPassword && (
              <p role="alert" className="text-sm text-red-800">
                {formError}
              </p>
            )}
            <div>
              <button type="submit" className={primaryButton} disabled={change.isPending}>
                {change.isPending ? "Changing…" : "Change password"}
              </button>
            </div>
          </form>
        )}
      </Panel>
    </div>
  );
}
