"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { DEFAULT_BRAND_COLORS } from "@/lib/administration/branding-defaults";
import { contrastGrade, isHexColor } from "@/components/settings/contrast";
import { brandContrast, brandContrastMessage } from "@/lib/branding/contrast";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { ColorField } from "@/components/ui/field-color";
import { Field } from "@/components/ui/form-field";
import { SettingsSection } from "@/components/ui/form-settings";
import { showLocalErrors } from "@/components/ui/form-values";
import { Panel } from "@/components/ui/panel";
import type { OrganizationBranding } from "@/lib/db/schema";
import { brandingAction, updateBrandingAction } from "../actions";

type Branding = Pick<OrganizationBranding, "displayName" | "logoUrl" | "primaryColor" | "accentColor">;

const SHOWN = ["displayName", "logoUrl", "primaryColor", "accentColor"];

export function BrandingSettings({ brandingUpgrade }: { brandingUpgrade: string | null }) {
  const tenant = useTenant();
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: settingsKeys.branding(tenant.organization.id),
    queryFn: () => unwrap(brandingAction({})),
  });
  const data = query.data;
  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader title="Branding" description="How your organization looks to staff and on the public booking site." />
      {brandingUpgrade && (
        <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
          You can change the display name on any plan. A logo and your own colours are custom branding: {brandingUpgrade}
        </p>
      )}
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
      {data && <BrandingForm key={data.updatedAt.getTime()} branding={data} notice={notice} onNotice={setNotice} />}
    </div>
  );
}

function BrandingForm({ branding, notice, onNotice }: { branding: Branding; notice: string | null; onNotice: (n: string | null) => void }) {
  const tenant = useTenant();
  const router = useRouter();
  const [draft, setDraft] = useState<Branding>({ ...branding, logoUrl: branding.logoUrl ?? "" });

  // Only what changed is sent: an unchanged colour must not trip the plan's branding gate.
  const patch: Partial<Branding> = {};
  if (draft.displayName.trim() !== branding.displayName) patch.displayName = draft.displayName.trim();
  if ((draft.logoUrl ?? "").trim() !== (branding.logoUrl ?? "")) patch.logoUrl = (draft.logoUrl ?? "").trim();
  if (draft.primaryColor.toLowerCase() !== branding.primaryColor.toLowerCase()) patch.primaryColor = draft.primaryColor;
  if (draft.accentColor.toLowerCase() !== branding.accentColor.toLowerCase()) patch.accentColor = draft.accentColor;
  const dirty = Object.keys(patch).length > 0;

  const save = useActionMutation(updateBrandingAction, {
    invalidate: [settingsKeys.branding(tenant.organization.id)],
    onSuccess: () => {
      onNotice("Branding saved. Staff pages and your public site now use it.");
      // The staff shell's colours and name are rendered on the server.
      router.refresh();
    },
  });
  const fe = save.errors.fieldErrors;
  const preview = {
    displayName: draft.displayName.trim() || branding.displayName,
    logoUrl: (draft.logoUrl ?? "").trim(),
    primaryColor: isHexColor(draft.primaryColor) ? draft.primaryColor : branding.primaryColor,
    accentColor: isHexColor(draft.accentColor) ? draft.accentColor : branding.accentColor,
  };
  /** Binds an input to one value of the draft, with that field's errors. */
  const edit = (key: keyof Branding) => ({
    value: draft[key] ?? "",
    onChange: (value: string) => setDraft((d) => ({ ...d, [key]: value })),
    errors: fe[key],
  });

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
      <SettingsSection
        title="Brand"
        mutation={save}
        shownFields={SHOWN}
        save={{
          label: "Save branding",
          notice,
          dirty,
          onDiscard: () => {
            setDraft({ ...branding, logoUrl: branding.logoUrl ?? "" });
            save.reset();
            save.setErrors({ fieldErrors: {} });
          },
          children: (
            <button
              type="button"
              className="text-sm text-slate-600 underline-offset-2 hover:underline"
              onClick={() => setDraft((d) => ({ ...d, ...DEFAULT_BRAND_COLORS }))}
            >
              Use AgentCare colours
            </button>
          ),
        }}
        onSubmit={() => {
          onNotice(null);
          const local: Record<string, string[]> = {};
          if (patch.displayName !== undefined && patch.displayName.length < 2) local.displayName = ["Use at least 2 characters."];
          if (!isHexColor(draft.primaryColor)) local.primaryColor = ["Use a hex colour like #1d4ed8."];
          else if (patch.primaryColor !== undefined && !brandContrast(draft.primaryColor).ok)
            local.primaryColor = [brandContrastMessage(brandContrast(draft.primaryColor))];
          if (!isHexColor(draft.accentColor)) local.accentColor = ["Use a hex colour like #f59e0b."];
          if (Object.keys(local).length) {
            showLocalErrors(save, local, "Please correct the highlighted fields.");
            return;
          }
          save.mutate(patch);
        }}
      >
        <Field
          {...edit("displayName")}
          label="Display name"
          required
          autoComplete="off"
          maxLength={120}
          hint="Shown in the header, on the booking site and in e-mails."
        />
        <Field
          {...edit("logoUrl")}
          label="Logo URL"
          type="url"
          autoComplete="off"
          placeholder="https://example.org/logo.png"
          hint="An https:// address of a square PNG or SVG. Leave empty to show your initial."
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <ColorField
            {...edit("primaryColor")}
            label="Primary colour"
            hint="Buttons, links and highlights; text on it is black or white, whichever reads better."
          />
          <ColorField {...edit("accentColor")} label="Accent colour" hint="Small highlights on the booking site." />
        </div>
      </SettingsSection>
      <div className="flex flex-col gap-6">
        <Preview branding={preview} />
        <ContrastCheck color={preview.primaryColor} />
      </div>
    </div>
  );
}

function Preview({ branding }: { branding: { displayName: string; logoUrl: string; primaryColor: string; accentColor: string } }) {
  const [failedLogo, setFailedLogo] = useState<string | null>(null);
  const showLogo = branding.logoUrl && failedLogo !== branding.logoUrl;
  const textOn = brandContrast(branding.primaryColor).text;
  return (
    <Panel title="Preview" description="Updates as you type; nothing changes until you save.">
      <div className="overflow-hidden rounded-lg border border-slate-200" aria-label="Preview of the header and a button">
        <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2.5">
          {showLogo ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={branding.logoUrl}
              alt=""
              onError={() => setFailedLogo(branding.logoUrl)}
              className="h-8 w-8 rounded-md object-contain"
            />
          ) : (
            <span
              aria-hidden
              className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-sm font-bold"
              style={{ background: branding.primaryColor, color: textOn }}
            >
              {branding.displayName.slice(0, 1)}
            </span>
          )}
          <span className="truncate font-semibold">{branding.displayName}</span>
        </div>
        <div className="flex items-center gap-1 border-b border-slate-100 bg-white px-3 py-2 text-sm">
          <span className="rounded-md px-2 py-1 font-medium" style={{ color: textOn, background: branding.primaryColor }}>
            Dashboard
          </span>
          <span className="rounded-md px-2 py-1 text-slate-600">Schedule</span>
        </div>
        <div className="flex flex-col items-start gap-3 bg-slate-50 p-4">
          <p className="text-sm text-slate-700">
            Book your visit online.{" "}
            <span className="rounded px-1.5 py-0.5 text-xs font-medium text-slate-900" style={{ background: branding.accentColor }}>
              New
            </span>
          </p>
          <span
            className="inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium shadow-sm"
            style={{ background: branding.primaryColor, color: textOn }}
          >
            Book an appointment
          </span>
        </div>
      </div>
      {branding.logoUrl && failedLogo === branding.logoUrl && (
        <p className="mt-2 text-sm text-amber-800">The logo could not be loaded from that address; check the URL.</p>
      )}
    </Panel>
  );
}

function ContrastCheck({ color }: { color: string }) {
  const contrast = brandContrast(color);
  const text = contrast.text === "#ffffff" ? "White" : "Black";
  const grade = contrastGrade(Math.min(contrast.onText, contrast.onPage));
  return (
    <Panel
      title="Contrast check"
      description="Text on the primary colour (chosen for it: black or white), and the colour on the white page."
    >
      <div
        role="status"
        className={`rounded-md border px-3 py-2 text-sm ${contrast.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-300 bg-red-50 text-red-950"}`}
      >
        <p className="font-semibold">
          {text} text: {contrast.onText.toFixed(2)}:1 · on the page: {contrast.onPage.toFixed(2)}:1
        </p>
        <p className="mt-0.5">
          {contrast.ok
            ? grade === "AA large"
              ? "Readable for large text and marks; a darker colour makes small links easier to read."
              : `Passes WCAG ${grade}.`
            : "Too light to be saved: links and highlights in this colour would be hard to see. Choose a darker colour (at least 3:1)."}
        </p>
      </div>
    </Panel>
  );
}
