"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { DEFAULT_BRAND_COLORS } from "@/lib/administration/branding-defaults";
import { contrastGrade, contrastRatio, isHexColor } from "@/components/settings/contrast";
import { SettingsFormAlert } from "@/components/settings/plan-limit";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { FieldError, SuccessNote, describedBy, inputBase, inputClass, primaryButton, secondaryButton } from "@/components/ui/form-field";
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
  const { errors, setErrors } = save;

  const fe = errors.fieldErrors;
  const preview = {
    displayName: draft.displayName.trim() || branding.displayName,
    logoUrl: (draft.logoUrl ?? "").trim(),
    primaryColor: isHexColor(draft.primaryColor) ? draft.primaryColor : branding.primaryColor,
    accentColor: isHexColor(draft.accentColor) ? draft.accentColor : branding.accentColor,
  };

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
      <Panel title="Brand">
        <form
          noValidate
          className="flex flex-col gap-5"
          onSubmit={(e) => {
            e.preventDefault();
            onNotice(null);
            const local: Record<string, string[]> = {};
            if (patch.displayName !== undefined && patch.displayName.length < 2) local.displayName = ["Use at least 2 characters."];
            if (!isHexColor(draft.primaryColor)) local.primaryColor = ["Use a hex colour like #1d4ed8."];
            if (!isHexColor(draft.accentColor)) local.accentColor = ["Use a hex colour like #f59e0b."];
            if (Object.keys(local).length) {
              save.reset();
              setErrors({ formError: "Please correct the highlighted fields.", fieldErrors: local });
              return;
            }
            save.mutate(patch);
          }}
        >
          <SettingsFormAlert errors={errors} error={save.error} shownFields={SHOWN} />
          <TextInput
            label="Display name"
            value={draft.displayName}
            onChange={(v) => setDraft((d) => ({ ...d, displayName: v }))}
            hint="Shown in the header, on the booking site and in e-mails."
            errors={fe.displayName}
            maxLength={120}
          />
          <TextInput
            label="Logo URL"
            optional
            type="url"
            value={draft.logoUrl ?? ""}
            onChange={(v) => setDraft((d) => ({ ...d, logoUrl: v }))}
            hint="An https:// address of a square PNG or SVG. Leave empty to show your initial."
            errors={fe.logoUrl}
            placeholder="https://example.org/logo.png"
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <ColorInput
              label="Primary colour"
              value={draft.primaryColor}
              onChange={(v) => setDraft((d) => ({ ...d, primaryColor: v }))}
              hint="Buttons, links and highlights."
              errors={fe.primaryColor}
            />
            <ColorInput
              label="Accent colour"
              value={draft.accentColor}
              onChange={(v) => setDraft((d) => ({ ...d, accentColor: v }))}
              hint="Small highlights on the booking site."
              errors={fe.accentColor}
            />
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className={primaryButton} disabled={save.isPending || !dirty}>
              {save.isPending ? "Saving…" : "Save branding"}
            </button>
            {dirty && (
              <button
                type="button"
                className={secondaryButton}
                onClick={() => {
                  setDraft({ ...branding, logoUrl: branding.logoUrl ?? "" });
                  save.reset();
                  setErrors({ fieldErrors: {} });
                }}
              >
                Discard changes
              </button>
            )}
            <button
              type="button"
              className="text-sm text-slate-600 underline-offset-2 hover:underline"
              onClick={() => setDraft((d) => ({ ...d, ...DEFAULT_BRAND_COLORS }))}
            >
              Use AgentCare colours
            </button>
            {dirty && <span className="text-sm text-amber-700">Unsaved changes</span>}
            <SuccessNote message={dirty ? null : notice} />
          </div>
        </form>
      </Panel>
      <div className="flex flex-col gap-6">
        <Preview branding={preview} />
        <ContrastCheck color={preview.primaryColor} />
      </div>
    </div>
  );
}

function TextInput({
  label,
  value,
  onChange,
  hint,
  errors,
  optional = false,
  type = "text",
  maxLength,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  errors?: string[];
  optional?: boolean;
  type?: string;
  maxLength?: number;
  placeholder?: string;
}) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
        {optional && <span className="font-normal text-slate-400"> (optional)</span>}
      </label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={maxLength}
        placeholder={placeholder}
        autoComplete="off"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, invalid && `${id}-error`)}
        className={inputClass}
      />
      {hint && (
        <span id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </span>
      )}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

function ColorInput({
  label,
  value,
  onChange,
  hint,
  errors,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint: string;
  errors?: string[];
}) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          type="color"
          aria-label={`${label} picker`}
          value={isHexColor(value) ? value.toLowerCase() : "#000000"}
          onChange={(e) => onChange(e.target.value)}
          className="h-10 w-12 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-1"
        />
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value.trim())}
          maxLength={7}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(`${id}-hint`, invalid && `${id}-error`)}
          className={`${inputBase} w-28 font-mono`}
        />
      </div>
      <span id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </span>
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

function Preview({ branding }: { branding: { displayName: string; logoUrl: string; primaryColor: string; accentColor: string } }) {
  const [failedLogo, setFailedLogo] = useState<string | null>(null);
  const showLogo = branding.logoUrl && failedLogo !== branding.logoUrl;
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
              className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-sm font-bold text-white"
              style={{ background: branding.primaryColor }}
            >
              {branding.displayName.slice(0, 1)}
            </span>
          )}
          <span className="truncate font-semibold">{branding.displayName}</span>
        </div>
        <div className="flex items-center gap-1 border-b border-slate-100 bg-white px-3 py-2 text-sm">
          <span
            className="rounded-md px-2 py-1 font-medium"
            style={{ color: branding.primaryColor, background: `${branding.primaryColor}1a` }}
          >
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
            className="inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium text-white shadow-sm"
            style={{ background: branding.primaryColor }}
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
  const ratio = contrastRatio("#ffffff", color);
  const grade = contrastGrade(ratio);
  const ok = ratio >= 4.5;
  return (
    <Panel title="Contrast check" description="White text on the primary colour (buttons), and primary-coloured links on white.">
      <div
        role="status"
        className={`rounded-md border px-3 py-2 text-sm ${ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-amber-300 bg-amber-50 text-amber-950"}`}
      >
        <p className="font-semibold">
          {ratio.toFixed(2)}:1 — {ok ? `passes WCAG ${grade}` : "below 4.5:1"}
        </p>
        <p className="mt-0.5">
          {ok
            ? "Text on buttons is readable for most people."
            : grade === "AA large"
              ? "Only large text is readable. Choose a darker primary colour so button text passes WCAG AA (4.5:1)."
              : "White text on this colour is hard to read. Choose a darker primary colour (WCAG AA needs 4.5:1)."}
        </p>
      </div>
    </Panel>
  );
}
