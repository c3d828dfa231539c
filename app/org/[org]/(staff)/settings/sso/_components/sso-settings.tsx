"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CopyField } from "@/components/ui/copy-field";
import { CheckboxField, dangerButton, Field, SelectField, secondaryButton } from "@/components/ui/form-field";
import { SettingsSection } from "@/components/ui/form-settings";
import { showLocalErrors } from "@/components/ui/form-values";
import { Panel } from "@/components/ui/panel";
import type { SsoSettingsView as Settings } from "@/lib/sso/schemas";
import { removeSsoSettingsAction, saveSsoSettingsAction, ssoSettingsAction } from "../actions";

const SHOWN = ["issuer", "clientId", "clientSecret", "allowedDomains", "defaultRole", "required", "enabled"];
const ROLES = [
  ["clinician", "Clinician"],
  ["staff", "Front desk"],
  ["admin", "Administrator"],
] as const;

/** "a.org, b.org" → ["a.org", "b.org"]. */
const domainsOf = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);

export function SsoSettingsView() {
  const tenant = useTenant();
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: settingsKeys.sso(tenant.organization.id),
    queryFn: () => unwrap(ssoSettingsAction({})),
  });
  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader
        title="Single sign-on"
        description="Staff sign in with their account at your identity provider (Okta, Microsoft Entra ID, Google Workspace or any OpenID Connect provider). People new to AgentCare get an account and a membership the first time."
      />
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
      {query.data && (
        <>
          <Panel
            title="Register AgentCare at your provider"
            description="Create a web application (OpenID Connect, authorization code) with these addresses."
          >
            <div className="flex flex-col gap-4 text-sm">
              <div>
                <p className="mb-1 font-medium text-slate-800">Sign-in redirect URI</p>
                <CopyField
                  id="sso-redirect-uri"
                  label="Sign-in redirect URI"
                  value={query.data.redirectUri}
                  copyLabel="Copy redirect URI"
                />
              </div>
              <div>
                <p className="mb-1 font-medium text-slate-800">Back-channel logout URI (where your provider supports it)</p>
                <CopyField
                  id="sso-logout-uri"
                  label="Back-channel logout URI"
                  value={query.data.backchannelLogoutUri}
                  copyLabel="Copy logout URI"
                />
              </div>
            </div>
          </Panel>
          <SsoForm key={query.data.settings?.updatedAt ?? "new"} settings={query.data.settings} notice={notice} onNotice={setNotice} />
          {query.data.settings && <RemoveSso onNotice={setNotice} />}
        </>
      )}
    </div>
  );
}

function SsoForm({
  settings,
  notice,
  onNotice,
}: {
  settings: Settings | null;
  notice: string | null;
  onNotice: (n: string | null) => void;
}) {
  const tenant = useTenant();
  const save = useActionMutation(saveSsoSettingsAction, {
    invalidate: [settingsKeys.sso(tenant.organization.id)],
    onSuccess: () => onNotice("Single sign-on settings saved. The provider answered."),
  });
  const fe = save.errors.fieldErrors;
  return (
    <SettingsSection
      mutation={save}
      shownFields={SHOWN}
      save={{ label: "Save single sign-on", notice }}
      onSubmit={(values) => {
        onNotice(null);
        const { text, checked } = values;
        const domains = domainsOf(text("allowedDomains"));
        if (!domains.length) {
          showLocalErrors(save, { allowedDomains: ["Enter at least one e-mail domain."] }, "Please correct the highlighted fields.");
          return;
        }
        const secret = text("clientSecret");
        save.mutate({
          issuer: text("issuer"),
          clientId: text("clientId"),
          ...(secret ? { clientSecret: secret } : {}),
          allowedDomains: domains,
          defaultRole: text("defaultRole") as Settings["defaultRole"],
          required: checked("required"),
          enabled: checked("enabled"),
        });
      }}
    >
      <Panel
        title="Identity provider"
        description="AgentCare reads the provider's OpenID configuration when you save, so a mistake shows at once."
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            name="issuer"
            label="Issuer URL"
            required
            type="url"
            defaultValue={settings?.issuer}
            placeholder="https://login.example.com"
            spellCheck={false}
            autoComplete="off"
            errors={fe.issuer}
          />
          <Field
            name="clientId"
            label="Client ID"
            required
            defaultValue={settings?.clientId}
            spellCheck={false}
            autoComplete="off"
            errors={fe.clientId}
          />
          <Field
            name="clientSecret"
            label="Client secret"
            type="password"
            autoComplete="new-password"
            required={!settings}
            placeholder={settings ? "Kept — leave empty to keep" : undefined}
            hint={settings ? "Kept encrypted and never shown. Enter a new one to replace it." : "Kept encrypted and never shown again."}
            errors={fe.clientSecret}
          />
        </div>
      </Panel>
      <Panel title="Who signs in this way">
        <div className="flex flex-col gap-4">
          <Field
            name="allowedDomains"
            label="E-mail domains"
            required
            defaultValue={settings?.allowedDomains.join(", ")}
            placeholder="metrogeneral.org, metro-clinics.org"
            spellCheck={false}
            autoComplete="off"
            hint="Separated by commas. Only addresses the provider has verified, in these domains, can sign in."
            errors={fe.allowedDomains}
          />
          <SelectField
            name="defaultRole"
            label="Role for people new to this organization"
            options={ROLES}
            defaultValue={settings?.defaultRole ?? "staff"}
            errors={fe.defaultRole}
            className="max-w-xs"
          />
          <CheckboxField
            name="enabled"
            label="Offer single sign-on on the sign-in page"
            defaultChecked={settings?.enabled ?? true}
            errors={fe.enabled}
          />
          <CheckboxField
            name="required"
            label="Require it for staff"
            defaultChecked={settings?.required ?? false}
            hint="Members other than owners who signed in with a password are sent to sign in through the provider. Owners keep their password, to recover if the provider fails."
            errors={fe.required}
          />
        </div>
      </Panel>
    </SettingsSection>
  );
}

function RemoveSso({ onNotice }: { onNotice: (n: string | null) => void }) {
  const tenant = useTenant();
  const [confirm, setConfirm] = useState(false);
  const remove = useActionMutation(() => removeSsoSettingsAction({}), {
    invalidate: [settingsKeys.sso(tenant.organization.id)],
    onSuccess: () => onNotice("Single sign-on removed. Staff sign in with their e-mail and password."),
  });
  return (
    <Panel title="Remove single sign-on">
      {!confirm ? (
        <button type="button" className={dangerButton} onClick={() => setConfirm(true)}>
          Remove single sign-on
        </button>
      ) : (
        <div className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-slate-900">
          <p>Remove the set-up? Staff then sign in with their e-mail and password; people who never set one reset it first.</p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={dangerButton} disabled={remove.isPending} onClick={() => remove.mutate(undefined)}>
              {remove.isPending ? "Removing…" : "Yes, remove"}
            </button>
            <button type="button" className={secondaryButton} onClick={() => setConfirm(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </Panel>
  );
}
