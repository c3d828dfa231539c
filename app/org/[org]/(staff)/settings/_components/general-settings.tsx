"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { LocationFields, OrganizationTypeField, PROFILE_FIELDS, profileFromForm } from "@/components/settings/profile-fields";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { Field } from "@/components/ui/form-field";
import { SettingsSection } from "@/components/ui/form-settings";
import { Panel } from "@/components/ui/panel";
import { profileAction, updateProfileAction } from "../actions";

const SHOWN = ["name", ...PROFILE_FIELDS];

export function GeneralSettings({ siteHost, planLabel }: { siteHost: string; planLabel: string }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const router = useRouter();
  const key = settingsKeys.profile(tenant.organization.id);
  const [notice, setNotice] = useState<string | null>(null);

  const query = useQuery({ queryKey: key, queryFn: () => unwrap(profileAction({})) });
  const save = useActionMutation(updateProfileAction, {
    invalidate: [key],
    onSuccess: () => {
      setNotice("General settings saved.");
      // The staff shell (name, time zone) is rendered on the server.
      router.refresh();
    },
  });

  const profile = query.data;
  const fe = save.errors.fieldErrors;

  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader title="General" description="Your organization's name, address, contact details and time zone." />
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
      {profile && (
        <>
          <SettingsSection
            title="Organization"
            mutation={save}
            shownFields={SHOWN}
            save={{ label: "Save changes", notice }}
            onSubmit={({ text, data }) => {
              setNotice(null);
              save.mutate({ name: text("name"), ...profileFromForm(data) });
            }}
          >
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                name="name"
                label="Name"
                required
                defaultValue={profile.name}
                errors={fe.name}
                maxLength={120}
                autoComplete="organization"
              />
              <OrganizationTypeField defaultValue={profile.type} errors={fe.type} />
            </div>
            <LocationFields profile={profile} errors={fe} />
          </SettingsSection>
          <Panel title="Your AgentCare account">
            <dl className="grid gap-4 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-slate-500">Web address</dt>
                <dd className="break-all font-medium">{siteHost}</dd>
                <dd className="mt-1">
                  <Link href={href("/settings/domains")} className="text-[var(--brand-primary)] underline-offset-2 hover:underline">
                    Custom domains
                  </Link>
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Plan</dt>
                <dd className="font-medium">{planLabel}</dd>
                <dd className="mt-1">
                  <Link href={href("/settings/usage")} className="text-[var(--brand-primary)] underline-offset-2 hover:underline">
                    Plan and usage
                  </Link>
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Customer since</dt>
                <dd className="font-medium">
                  {new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: tenant.organization.timeZone }).format(
                    profile.createdAt,
                  )}
                </dd>
              </div>
            </dl>
          </Panel>
        </>
      )}
    </div>
  );
}
