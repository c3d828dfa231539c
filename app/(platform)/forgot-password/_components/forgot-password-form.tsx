"use client";

import { useState } from "react";
import { ActionError, unwrap } from "@/components/actions/action-client";
import { SubmitButton } from "@/components/ui/form-actions";
import { Field, FormAlert } from "@/components/ui/form-field";
import { formValues } from "@/components/ui/form-values";
import { requestPasswordResetAction } from "../actions";

export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<{ message?: string; fieldErrors: Record<string, string[]> }>({ fieldErrors: {} });
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { text } = formValues(event.currentTarget);
    setPending(true);
    setError({ fieldErrors: {} });
    try {
      const result = await unwrap(requestPasswordResetAction({ email: text("email") }));
      setSent(result.message);
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

  if (sent) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        {sent}
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormAlert message={error.message} fieldErrors={error.fieldErrors} shownFields={["email"]} />
      <Field name="email" label="E-mail" type="email" autoComplete="username" required errors={error.fieldErrors.email} />
      <SubmitButton pending={pending} pendingLabel="Sending…">
        Send me a link
      </SubmitButton>
    </form>
  );
}
