"use client";

import Link from "next/link";
import { useState } from "react";
import { ActionError, unwrap } from "@/components/actions/action-client";
import { SubmitButton } from "@/components/ui/form-actions";
import { NewPasswordFields, newPasswordErrors } from "@/components/ui/field-password";
import { FormAlert } from "@/components/ui/form-field";
import { formValues } from "@/components/ui/form-values";
import { completePasswordResetAction } from "../actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<{ message?: string; fieldErrors: Record<string, string[]> }>({ fieldErrors: {} });
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { raw } = formValues(event.currentTarget);
    const local = newPasswordErrors(raw("password"), raw("confirmPassword"));
    if (Object.keys(local).length) {
      setError({ message: "Please correct the highlighted fields.", fieldErrors: local });
      return;
    }
    setPending(true);
    setError({ fieldErrors: {} });
    try {
      const result = await unwrap(completePasswordResetAction({ token, password: raw("password") }));
      setDone(result.message);
    } catch (err) {
      setError(
        err instanceof ActionError && err.code !== "network"
          ? { message: err.message, fieldErrors: err.fieldErrors ?? {} }
          : { message: "We could not reach AgentCare. Check your connection and try again.", fieldErrors: {} },
      );
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {done}
        </p>
        <Link href="/sign-in" className="text-center text-sm font-medium text-teal-700 underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormAlert message={error.message} fieldErrors={error.fieldErrors} shownFields={["password", "confirmPassword"]} />
      <NewPasswordFields errors={error.fieldErrors.password} confirmErrors={error.fieldErrors.confirmPassword} />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
