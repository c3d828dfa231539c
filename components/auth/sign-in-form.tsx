"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { SubmitButton } from "@/components/ui/form-actions";
import { Field } from "@/components/ui/form-field";
import { formValues } from "@/components/ui/form-values";

const WRONG = "That e-mail and password don't match an account. Check them and try again.";

export function SignInForm({ organizationKey, redirectTo }: { organizationKey?: string; redirectTo: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const errorId = useId();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { raw } = formValues(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        email: raw("email"),
        password: raw("password"),
        organization: organizationKey ?? "",
      });
      if (!result || result.error) {
        setError(!result || result.error === "CredentialsSignin" ? WRONG : result.error);
        setPending(false);
        return;
      }
      router.replace(redirectTo);
      router.refresh();
    } catch {
      setError("We could not reach AgentCare. Check your connection and try again.");
      setPending(false);
    }
  }

  // The inputs point at the failure, so it is read with them.
  const described = [error ? errorId : undefined];
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field name="email" label="E-mail" type="email" autoComplete="username" required describedBy={described} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" required describedBy={described} />
      {error && (
        <p id={errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <SubmitButton pending={pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
