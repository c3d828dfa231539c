"use client";

import { useState } from "react";
import { ApiError, apiRequest } from "@/components/api/rest-client";
import { primaryButton } from "@/components/ui/form-field";

export function ConfirmOwnerButton({ token, label, signInUrl }: { token: string; label: string; signInUrl: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ createdAccount: boolean } | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const result = await apiRequest<{ data: { organization: { slug: string }; createdAccount: boolean } }>(
        `/api/v1/signup/confirm/${encodeURIComponent(token)}`,
        "POST",
        {},
      );
      setDone({ createdAccount: result.data.createdAccount });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "We could not reach AgentCare. Check your connection and try again.");
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
