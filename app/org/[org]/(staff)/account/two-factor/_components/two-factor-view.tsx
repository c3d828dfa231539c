"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, dangerButton, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import {
  confirmMfaEnrolmentAction,
  disableMfaAction,
  mfaStatusAction,
  regenerateRecoveryCodesAction,
  startMfaEnrolmentAction,
} from "../actions";

const statusKey = (orgId: string) => [orgId, "account", "two-factor"] as const;

function valueOf(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement ? field.value : "";
}

export function TwoFactorView({ requiredHere, organizationName }: { requiredHere: boolean; organizationName: string }) {
  const tenant = useTenant();
  const status = useQuery({ queryKey: statusKey(tenant.organization.id), queryFn: () => unwrap(mfaStatusAction({})) });
  // Shown once, right after they are made; never fetched again.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader
        title="Two-factor authentication"
        description="Sign in with your password and a code from an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password and others)."
      />
      {requiredHere && !recoveryCodes && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {organizationName} requires two-factor authentication for its staff. Set it up below to continue to your work.
        </p>
      )}
      {status.isPending && <LoadingState />}
      {status.isError && <ErrorState message={status.error.message} onRetry={() => void status.refetch()} />}
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} continueToWork={requiredHere} />
      ) : (
        status.data &&
        (status.data.enabled ? (
          <Enabled recoveryCodesLeft={status.data.recoveryCodesLeft} onCodes={setRecoveryCodes} />
        ) : (
          <Enrol onCodes={setRecoveryCodes} />
        ))
      )}
    </div>
  );
}

function Enrol({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const tenant = useTenant();
  const start = useActionMutation(startMfaEnrolmentAction, { secret: true });
  const confirm = useActionMutation(confirmMfaEnrolmentAction, {
    secret: true,
    invalidate: [statusKey(tenant.organization.id)],
    onSuccess: (codes) => onCodes(codes),
  });

  if (!start.data) {
    return (
      <Panel title="Set up an authenticator app">
        <div className="flex flex-col items-start gap-3">
          <p className="text-sm text-slate-700">Two-factor authentication is off for your account.</p>
          {start.isError && (
            <p role="alert" className="text-sm text-red-800">
              {start.error.message}
            </p>
          )}
          <button type="button" className={primaryButton} disabled={start.isPending} onClick={() => start.mutate({})}>
            {start.isPending ? "Preparing…" : "Set up two-factor authentication"}
          </button>
        </div>
      </Panel>
    );
  }

  const { secret, qrCodeSvg } = start.data;
  return (
    <Panel title="Set up an authenticator app">
      <form
        className="flex flex-col gap-5"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          confirm.mutate({ code: valueOf(e.currentTarget, "code") });
        }}
      >
        <ol className="flex list-decimal flex-col gap-4 pl-5 text-sm text-slate-700">
          <li>
            <p>Scan this QR code with your authenticator app.</p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a generated data: URL, not an asset to optimise */}
            <img
              src={`data:image/svg+xml;base64,${btoa(qrCodeSvg)}`}
              alt="QR code for adding your AgentCare account to an authenticator app. The same key is written out below for manual entry."
              width={192}
              height={192}
              className="mt-2 rounded border border-slate-200 bg-white p-2"
            />
          </li>
          <li>
            <p>Or enter this key by hand (time-based, 6 digits, 30 seconds):</p>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <code data-testid="mfa-secret" className="rounded bg-slate-100 px-2 py-1 font-mono text-sm tracking-wider break-all">
                {secret}
              </code>
              <CopyButton text={secret} label="Copy key" />
            </div>
          </li>
          <li>Enter the 6-digit code the app shows to finish.</li>
        </ol>
        <Field
          name="code"
          label="Code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          errors={confirm.errors.fieldErrors.code}
          inputClassName="w-40 rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
        />
        {confirm.errors.formError && !confirm.errors.fieldErrors.code && (
          <p role="alert" className="text-sm text-red-800">
            {confirm.errors.formError}
          </p>
        )}
        <div>
          <button type="submit" className={primaryButton} disabled={confirm.isPending}>
            {confirm.isPending ? "Checking…" : "Turn on two-factor authentication"}
          </button>
        </div>
      </form>
    </Panel>
  );
}

function RecoveryCodes({ codes, onDone, continueToWork }: { codes: string[]; onDone: () => void; continueToWork: boolean }) {
  const router = useRouter();
  const href = useTenantHref();
  return (
    <Panel title="Your recovery codes">
      <div className="flex flex-col gap-4">
        <p role="status" className="text-sm text-slate-700">
          Two-factor authentication is on. Keep these recovery codes somewhere safe: each one signs you in once if you lose your phone. They
          are shown only now.
        </p>
        <ul aria-label="Recovery codes" data-testid="recovery-codes" className="grid max-w-sm grid-cols-2 gap-2 font-mono text-sm">
          {codes.map((code) => (
            <li key={code} className="rounded bg-slate-100 px-2 py-1 text-center">
              {code}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-2">
          <CopyButton text={codes.join("\n")} label="Copy codes" />
          <button
            type="button"
            className={primaryButton}
            onClick={() => {
              onDone();
              if (continueToWork) {
                router.push(href("/dashboard"));
                router.refresh();
              }
            }}
          >
            {continueToWork ? "I have saved them — continue" : "I have saved them"}
          </button>
        </div>
      </div>
    </Panel>
  );
}

function Enabled({ recoveryCodesLeft, onCodes }: { recoveryCodesLeft: number; onCodes: (codes: string[]) => void }) {
  const tenant = useTenant();
  const [turningOff, setTurningOff] = useState(false);
  const regenerate = useActionMutation(regenerateRecoveryCodesAction, {
    secret: true,
    invalidate: [statusKey(tenant.organization.id)],
    onSuccess: (codes) => onCodes(codes),
  });
  const disable = useActionMutation(disableMfaAction, { invalidate: [statusKey(tenant.organization.id)] });

  return (
    <>
      <Panel title="Two-factor authentication is on">
        <p role="status" className="text-sm text-slate-700">
          Signing in asks for a code from your authenticator app. Recovery codes left: {recoveryCodesLeft} of 10.
        </p>
      </Panel>
      <Panel title="New recovery codes" description="Makes ten new codes; the old ones stop working.">
        <form
          className="flex flex-wrap items-end gap-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            regenerate.mutate({ code: valueOf(e.currentTarget, "code") });
          }}
        >
          <Field
            name="code"
            label="Current code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            errors={regenerate.errors.fieldErrors.code ?? (regenerate.errors.formError ? [regenerate.errors.formError] : undefined)}
            inputClassName="w-40 rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
          />
          <button type="submit" className={secondaryButton} disabled={regenerate.isPending}>
            {regenerate.isPending ? "Making codes…" : "Make new recovery codes"}
          </button>
        </form>
      </Panel>
      <Panel title="Turn off two-factor authentication">
        {turningOff ? (
          <form
            className="flex flex-col gap-3"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const password = valueOf(e.currentTarget, "password");
              const code = valueOf(e.currentTarget, "code");
              disable.mutate(code ? { code } : { password });
            }}
          >
            <p className="text-sm text-slate-700">Confirm with your password or a current code from the app.</p>
            <Field
              name="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              errors={disable.errors.fieldErrors.password}
              className="max-w-sm"
            />
            <Field
              name="code"
              label="Or a code from the app"
              inputMode="numeric"
              autoComplete="one-time-code"
              errors={disable.errors.fieldErrors.code}
              className="max-w-sm"
            />
            {disable.errors.formError && !disable.errors.fieldErrors.password && !disable.errors.fieldErrors.code && (
              <p role="alert" className="text-sm text-red-800">
                {disable.errors.formError}
              </p>
            )}
            <div className="flex gap-2">
              <button type="submit" className={dangerButton} disabled={disable.isPending}>
                {disable.isPending ? "Turning off…" : "Turn off two-factor authentication"}
              </button>
              <button type="button" className={secondaryButton} onClick={() => setTurningOff(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className={secondaryButton} onClick={() => setTurningOff(true)}>
            Turn off…
          </button>
        )}
      </Panel>
    </>
  );
}
