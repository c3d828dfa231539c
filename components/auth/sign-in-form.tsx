"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { SubmitButton } from "@/components/ui/form-actions";
import { Field, linkButton } from "@/components/ui/form-field";
import { formValues } from "@/components/ui/form-values";
import { MFA_CODE_REQUIRED } from "@/lib/auth/mfa-path";

const WRONG = "That e-mail and password don't match an account. Check them and try again.";
const WRONG_CODE = "That code is not right or was already used. Enter the current code from your authenticator app, or a recovery code.";

export function SignInForm({ organizationKey, redirectTo }: { organizationKey?: string; redirectTo: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // The second step, for accounts with two-factor authentication: the password was right and a code is needed.
  const [codeStep, setCodeStep] = useState(false);
  const credentials = useRef<{ email: string; password: string }>({ email: "", password: "" });
  const errorId = useId();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { raw } = formValues(event.currentTarget);
    if (!codeStep) credentials.current = { email: raw("email"), password: raw("password") };
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        ...credentials.current,
        organization: organizationKey ?? "",
        ...(codeStep ? { code: raw("code") } : {}),
      });
      if (!result || result.error) {
        if (result?.error === MFA_CODE_REQUIRED) setCodeStep(true);
        else if (!result || result.error === "CredentialsSignin") setError(codeStep ? WRONG_CODE : WRONG);
        else setError(result.error);
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

  function startOver() {
    credentials.current = { email: "", password: "" };
    setCodeStep(false);
    setError(null);
  }

  // The inputs point at the failure, so it is read with them.
  const described = [error ? errorId : undefined];
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {codeStep ? (
        <>
          <p className="text-sm text-slate-700">Your account uses two-factor authentication.</p>
          <Field
            key="code"
            name="code"
            label="Authentication code"
            autoComplete="one-time-code"
            autoFocus
            required
            spellCheck={false}
            hint="The 6-digit code from your authenticator app, or one of your recovery codes."
            describedBy={described}
          />
        </>
      ) : (
        <>
          <Field name="email" label="E-mail" type="email" autoComplete="username" required describedBy={described} />
          <Field name="password" label="Password" type="password" autoComplete="current-password" required describedBy={described} />
        </>
      )}
      {error && (
        <p id={errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <SubmitButton pending={pending} pendingLabel={codeStep ? "Checking…" : "Signing in…"}>
        {codeStep ? "Verify and sign in" : "Sign in"}
      </SubmitButton>
      {codeStep && (
        <button type="button" className={`${linkButton} self-start`} onClick={startOver}>
          Sign in as someone else
        </button>
      )}
    </form>
  );
}
