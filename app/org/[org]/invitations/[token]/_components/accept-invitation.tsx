"use client";

import { useQuery } from "@tanstack/react-query";
import { signIn, signOut, useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError, formErrorsFrom, isNotFound, unwrap } from "@/components/actions/action-client";
import { NewPasswordFields, newPasswordErrors } from "@/components/ui/field-password";
import { Field, FormAlert, linkButton, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { formValues, type FormValues } from "@/components/ui/form-values";
import type { MemberRole } from "@/lib/db/schema/enums";
import type { FieldErrors } from "@/lib/errors/app-error";
import { orgQueryKey } from "@/lib/query/client";
import { tenantHref } from "@/lib/tenancy/href";
import { acceptInvitationAction, invitationOfferAction } from "../actions";

type Errors = { formError?: string; fieldErrors: FieldErrors; alreadyMember?: boolean; accountExists?: boolean };
const NONE: Errors = { fieldErrors: {} };
const AS_ROLE: Record<MemberRole, string> = {
  owner: "an owner",
  admin: "an administrator",
  clinician: "a clinician",
  staff: "front-desk staff",
};
const WRONG_PASSWORD = "That e-mail and password don't match an account. Check them and try again.";

function errorsFrom(err: unknown): Errors {
  if (err instanceof ActionError && err.code === "conflict:membership")
    return { formError: err.message, fieldErrors: {}, alreadyMember: true };
  if (err instanceof ActionError && err.code === "conflict:user_email")
    return { fieldErrors: { email: [err.message] }, accountExists: true };
  return formErrorsFrom(err);
}

export function AcceptInvitation({
  token,
  basePath,
  organization,
  signedInAs,
}: {
  token: string;
  basePath: string;
  organization: { id: string; slug: string; displayName: string };
  signedInAs: { email: string; name: string } | null;
}) {
  const router = useRouter();
  const { update } = useSession();
  const href = (path: string) => tenantHref(basePath, path);
  const [mode, setMode] = useState<"create" | "sign-in">("create");
  const [errors, setErrors] = useState<Errors>(NONE);
  const [pending, setPending] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<string | null>(null);

  const query = useQuery({
    queryKey: orgQueryKey(organization.id, "invitation", token),
    queryFn: async () => ({ data: await unwrap(invitationOfferAction({ token })) }),
    retry: false,
    gcTime: 0,
  });

  const goToDashboard = () => window.location.assign(href("/dashboard"));

  async function acceptSignedIn(): Promise<boolean> {
    setPending("Joining…");
    setErrors(NONE);
    try {
      await unwrap(acceptInvitationAction({ token }));
      await update({ activeOrganizationId: organization.id });
      goToDashboard();
      return true;
    } catch (err) {
      setErrors(errorsFrom(err));
      setPending(null);
      return false;
    }
  }

  async function createAccount({ text, raw }: FormValues) {
    const email = text("email");
    const name = text("name");
    const password = raw("password");
    const local: FieldErrors = {};
    if (!name) local.name = ["Enter your name."];
    if (!email) local.email = ["Enter your e-mail address."];
    Object.assign(local, newPasswordErrors(password, raw("confirmPassword")));
    if (Object.keys(local).length) {
      setErrors({ formError: "Please correct the highlighted fields.", fieldErrors: local });
      return;
    }
    setPending("Creating your account…");
    setErrors(NONE);
    try {
      const accepted = await unwrap(acceptInvitationAction({ token, email, name, password }));
      if ("status" in accepted) {
        setConfirmation(accepted.message);
        setPending(null);
        return;
      }
    } catch (err) {
      setErrors(errorsFrom(err));
      setPending(null);
      return;
    }
    setPending("Signing you in…");
    const result = await signIn("credentials", { redirect: false, email, password, organization: organization.slug });
    if (!result || result.error) {
      // The membership exists; only the automatic sign-in failed.
      window.location.assign(href("/sign-in"));
      return;
    }
    goToDashboard();
  }

  async function signInThenAccept({ text, raw }: FormValues, invitedEmail: string | null) {
    const email = text("email");
    const password = raw("password");
    if (email && invitedEmail && email.toLowerCase() !== invitedEmail.toLowerCase()) {
      setErrors({ fieldErrors: { email: [`This invitation is for ${invitedEmail}. Sign in with that account.`] } });
      return;
    }
    if (!email || !password) {
      setErrors({
        formError: "Enter your e-mail and password.",
        fieldErrors: {
          ...(email ? {} : { email: ["Enter your e-mail address."] }),
          ...(password ? {} : { password: ["Enter your password."] }),
        },
      });
      return;
    }
    setPending("Signing you in…");
    setErrors(NONE);
    const result = await signIn("credentials", { redirect: false, email, password, organization: organization.slug });
    if (!result || result.error) {
      setErrors({ formError: !result?.error || result.error === "CredentialsSignin" ? WRONG_PASSWORD : result.error, fieldErrors: {} });
      setPending(null);
      return;
    }
    // Accepting failed, but the person is signed in now: show the page as such.
    if (!(await acceptSignedIn())) router.refresh();
  }

  if (confirmation) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        {confirmation}
      </p>
    );
  }

  if (query.isPending) {
    return (
      <p role="status" className="text-center text-sm text-slate-500">
        Opening your invitation…
      </p>
    );
  }
  if (query.isError) {
    const gone = isNotFound(query.error);
    return (
      <div className="flex flex-col gap-2 text-center">
        <h1 className="text-xl font-semibold">{gone ? "This invitation is no longer valid" : "We could not open this invitation"}</h1>
        <p className="text-sm text-slate-600">
          {gone
            ? `It may have expired, been used already, or been revoked. Ask an administrator of ${organization.displayName} to invite you again.`
            : query.error.message}
        </p>
        {!gone && (
          <button type="button" className={`${secondaryButton} mx-auto mt-2`} onClick={() => void query.refetch()}>
            Try again
          </button>
        )}
      </div>
    );
  }

  const invitation = query.data.data;
  const expires = new Intl.DateTimeFormat("en-US", { dateStyle: "long" }).format(new Date(invitation.expiresAt));
  const wrongAccount = signedInAs && invitation.email && invitation.email.toLowerCase() !== signedInAs.email.toLowerCase();
  const fe = errors.fieldErrors;

  return (
    <div className="flex flex-col gap-5">
      <div className="text-center">
        <h1 className="text-xl font-semibold">Join {organization.displayName}</h1>
        <p className="mt-1 text-sm text-slate-600">
          You are invited as <span className="font-medium text-slate-900">{AS_ROLE[invitation.role]}</span>
          {invitation.email ? (
            <>
              {" "}
              (<span className="wrap-anywhere">{invitation.email}</span>)
            </>
          ) : null}
          . The invitation expires on {expires}.
        </p>
      </div>

      <FormAlert message={errors.formError} fieldErrors={fe} shownFields={["name", "email", "password", "confirmPassword"]} />
      {errors.alreadyMember && (
        <a href={href("/dashboard")} className={`${primaryButton} self-center`}>
          Go to the dashboard
        </a>
      )}

      {signedInAs && wrongAccount && (
        <div className="flex flex-col gap-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
          <p>
            This invitation is for <span className="font-medium">{invitation.email}</span>, but you are signed in as{" "}
            <span className="font-medium">{signedInAs.email}</span>. Sign out, then open the invitation link again.
          </p>
          <button
            type="button"
            className={`${secondaryButton} self-start`}
            onClick={async () => {
              await signOut({ redirect: false });
              router.refresh();
            }}
          >
            Sign out
          </button>
        </div>
      )}

      {signedInAs && !wrongAccount && !errors.alreadyMember && (
        <div className="flex flex-col gap-3">
          <button type="button" className={primaryButton} disabled={pending !== null} onClick={() => void acceptSignedIn()}>
            {pending ?? `Accept as ${signedInAs.name || signedInAs.email}`}
          </button>
          <p className="text-center text-sm text-slate-500">
            Signed in as {signedInAs.email}.{" "}
            <button
              type="button"
              className={linkButton}
              onClick={async () => {
                await signOut({ redirect: false });
                router.refresh();
              }}
            >
              Not you? Sign out
            </button>
          </p>
        </div>
      )}

      {!signedInAs && mode === "create" && (
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void createAccount(formValues(e.currentTarget));
          }}
        >
          <Field name="name" label="Your name" required autoComplete="name" errors={fe.name} maxLength={120} />
          <Field
            name="email"
            label="E-mail"
            type="email"
            required
            autoComplete="email"
            defaultValue={invitation.email}
            readOnly={Boolean(invitation.email)}
            hint={invitation.email ? "The invitation is for this address." : undefined}
            errors={fe.email}
          />
          <NewPasswordFields errors={fe.password} confirmErrors={fe.confirmPassword} />
          <button type="submit" className={primaryButton} disabled={pending !== null}>
            {pending ?? "Create account and join"}
          </button>
          <p className="text-center text-sm text-slate-500">
            {errors.accountExists ? "You already have an account. " : "Already have an AgentCare account? "}
            <button
              type="button"
              className={linkButton}
              onClick={() => {
                setErrors(NONE);
                setMode("sign-in");
              }}
            >
              Sign in to accept
            </button>
          </p>
        </form>
      )}

      {!signedInAs && mode === "sign-in" && (
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void signInThenAccept(formValues(e.currentTarget), invitation.email);
          }}
        >
          <Field
            name="email"
            label="E-mail"
            type="email"
            required
            autoComplete="username"
            defaultValue={invitation.email}
            errors={fe.email}
          />
          <Field name="password" label="Password" type="password" required autoComplete="current-password" errors={fe.password} />
          <button type="submit" className={primaryButton} disabled={pending !== null}>
            {pending ?? "Sign in and join"}
          </button>
          <p className="text-center text-sm text-slate-500">
            New to AgentCare?{" "}
            <button
              type="button"
              className={linkButton}
              onClick={() => {
                setErrors(NONE);
                setMode("create");
              }}
            >
              Create an account
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
