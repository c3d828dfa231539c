"use client";

import { useState } from "react";
import { ActionError, unwrap } from "@/components/actions/action-client";
import { primaryButton } from "@/components/ui/form-field";
import { confirmOwnerAction } from "../actions";

export function ConfirmOwnerButton({ token, label, signInUrl }: { token: string; label: string; signInUrl: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ createdAccount: boolean } | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const result = await unwrap(confirmOwnerAction({ token }));
      setDone({ createdAccount: result.createdAccount });
    } catch (err) {
      setError(
        err instanceof ActionError && err.code !== "network"
          ? err.message
          : "We could not reach AgentCare. Check your connection and try again.",
      );
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <div className="flex flex-col gap-3">
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {done.createdAccount
            ? "Your address is confirmed and your account is ready. Sign in with the password you chose."
            : "Done: you are now the organization's owner."}
        </p>
        <a href={signInUrl} className="text-center text-sm font-medium text-teal-700 underline">
          Go to sign-in
        </a>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="button" className={primaryButton} disabled={pending} onClick={() => void confirm()}>
        {pending ? "Confirming…" : label}
      </button>
    </div>
  );
}
