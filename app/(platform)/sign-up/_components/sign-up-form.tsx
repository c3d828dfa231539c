"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { LocationFields, OrganizationTypeField, PROFILE_FIELDS, profileFromForm } from "@/components/settings/profile-fields";
import { cleanSlugInput, slugFromName } from "@/lib/tenancy/slug";
import { formErrorsFrom, unwrap } from "@/components/actions/action-client";
import type { FieldErrors } from "@/lib/errors/app-error";
import { NewPasswordFields, newPasswordErrors } from "@/components/ui/field-password";
import { Field, FieldFrame, FormAlert, inputClass, primaryButton } from "@/components/ui/form-field";
import { formValues } from "@/components/ui/form-values";
import { useDebounced } from "@/components/ui/use-debounced";
import { PLANS } from "@/lib/billing/plans";
import { checkSlugAction, signUpAction } from "../actions";

type SlugCheck = { slug: string; available: boolean; reason: string | null; suggestions: string[] };
type Created = { id: string; slug: string; domain: string };
type Phase = "idle" | "creating";

const CONFLICT_FIELDS = { organization_slug: "slug", user_email: "owner.email" };
const SHOWN = ["name", "slug", "owner.name", "owner.email", "owner.password", "confirmPassword", ...PROFILE_FIELDS];

export function SignUpForm({ rootDomain }: { rootDomain: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState("");
  const [typedSlug, setTypedSlug] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ formError?: string; fieldErrors: FieldErrors }>({ fieldErrors: {} });
  const [phase, setPhase] = useState<Phase>("idle");
  const [created, setCreated] = useState<{ organization: Created; message: string } | null>(null);
  const [focusToken, setFocusToken] = useState(0);

  // The address follows the name until the person edits it.
  const slug = typedSlug ?? slugFromName(name);
  const debouncedSlug = useDebounced(slug, 400);
  const check = useQuery({
    queryKey: ["platform", "signup-slug", debouncedSlug],
    queryFn: async () => ({ data: await unwrap(checkSlugAction({ slug: debouncedSlug })) }),
    enabled: debouncedSlug.length > 0,
    staleTime: 15_000,
    retry: false,
  });

  // After a failed submit, move focus to the first field that needs attention.
  useEffect(() => {
    if (!focusToken) return;
    const target =
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
    target?.scrollIntoView({ block: "center" });
  }, [focusToken]);

  const fail = (next: { formError?: string; fieldErrors: FieldErrors }) => {
    setErrors(next);
    setPhase("idle");
    setFocusToken((t) => t + 1);
  };

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { text, raw, data } = formValues(event.currentTarget);
    const owner = { name: text("ownerName"), email: text("ownerEmail"), password: raw("password") };
    const local: FieldErrors = {};
    if (name.trim().length < 2) local.name = ["Enter the organization's name."];
    if (!slug) local.slug = ["Choose a web address."];
    else if (check.data?.data.slug === slug && !check.data.data.available)
      local.slug = [check.data.data.reason ?? "That address cannot be used."];
    if (!owner.name) local["owner.name"] = ["Enter your name."];
    if (!owner.email) local["owner.email"] = ["Enter your e-mail address."];
    Object.assign(local, newPasswordErrors(owner.password, raw("confirmPassword"), "owner.password"));
    if (Object.keys(local).length) {
      fail({
        formError:
          Object.keys(local).length === 1
            ? "Please correct the highlighted field."
            : `Please correct the ${Object.keys(local).length} highlighted fields.`,
        fieldErrors: local,
      });
      return;
    }

    setErrors({ fieldErrors: {} });
    setPhase("creating");
    try {
      const result = await unwrap(signUpAction({ name: name.trim(), slug, ...profileFromForm(data), owner }));
      setCreated({ organization: result.data, message: result.ownerConfirmation?.message ?? "" });
      setPhase("idle");
    } catch (err) {
      fail(formErrorsFrom(err, CONFLICT_FIELDS));
    }
  }

  if (created) {
    return <CheckYourEmail created={created.organization} message={created.message} />;
  }

  // A new address gets a fresh availability check; the old error no longer applies.
  const changeSlug = (value: string) => {
    setTypedSlug(value);
    setErrors((prev) => {
      if (!prev.fieldErrors.slug) return prev;
      const fieldErrors = { ...prev.fieldErrors };
      delete fieldErrors.slug;
      return { ...prev, fieldErrors };
    });
  };
  const fe = errors.fieldErrors;
  const busy = phase !== "idle";
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-6">
      <FormAlert message={errors.formError} fieldErrors={fe} shownFields={SHOWN} />

      <Section title="Your organization">
        <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
          <Field
            name="name"
            label="Name"
            required
            maxLength={120}
            autoComplete="organization"
            placeholder="Riverside Community Hospital"
            value={name}
            onChange={setName}
            errors={fe.name}
          />
          <OrganizationTypeField errors={fe.type} />
        </div>
        <SlugField
          slug={slug}
          rootDomain={rootDomain}
          onChange={(value) => changeSlug(cleanSlugInput(value))}
          onPick={changeSlug}
          check={debouncedSlug === slug ? check.data?.data : undefined}
          checking={slug.length > 0 && (debouncedSlug !== slug || check.isFetching)}
          checkError={check.isError ? check.error.message : null}
          errors={fe.slug}
        />
      </Section>

      <Section title="Location and contact">
        <LocationFields errors={fe} />
      </Section>

      <Section
        title="Plan"
        description="New organizations start on the Basic plan. AgentCare changes the plan for you once it exists; nothing is charged here."
      >
        <p className="text-sm text-slate-700">
          {PLANS.basic.label}: up to {PLANS.basic.userLimit} users and {PLANS.basic.providerLimit} providers.
        </p>
      </Section>

      <Section title="First administrator" description="You. You can invite the rest of your team once the organization exists.">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="ownerName" label="Your name" required autoComplete="name" errors={fe["owner.name"]} maxLength={120} />
          <Field
            name="ownerEmail"
            label="E-mail"
            type="email"
            required
            autoComplete="email"
            errors={fe["owner.email"]}
            hint="You sign in with this address."
          />
          <NewPasswordFields errors={fe["owner.password"]} confirmErrors={fe.confirmPassword} />
        </div>
      </Section>

      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <button type="submit" className={`${primaryButton} px-6 py-2.5 text-base`} disabled={busy}>
          {phase === "creating" ? "Creating your organization…" : "Create organization"}
        </button>
        <p className="text-sm text-slate-500" role="status">
          {busy ? "This takes a few seconds." : ""}
        </p>
      </div>
    </form>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <div>
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {description && <p className="text-sm text-slate-500">{description}</p>}
      </div>
      {children}
    </section>
  );
}

function SlugField({
  slug,
  rootDomain,
  onChange,
  onPick,
  check,
  checking,
  checkError,
  errors,
}: {
  slug: string;
  rootDomain: string;
  onChange: (value: string) => void;
  onPick: (value: string) => void;
  check: SlugCheck | undefined;
  checking: boolean;
  checkError: string | null;
  errors?: string[];
}) {
  const id = useId();
  return (
    <FieldFrame
      id={id}
      label="Web address"
      hint="3–63 lower-case letters, digits and hyphens. Your staff and patients use this address."
      describedBy={[`${id}-status`]}
      invalid={Boolean(errors?.length) || (check !== undefined && !check.available)}
      errors={errors}
      below={
        <>
          <div id={`${id}-status`} aria-live="polite" className="text-sm">
            {!slug ? null : checking ? (
              <span className="text-slate-500">Checking {slug}…</span>
            ) : checkError ? (
              <span className="text-slate-500">
                Could not check the address right now ({checkError}); it is checked again when you submit.
              </span>
            ) : check?.available ? (
              <span className="text-emerald-700">
                ✓ {check.slug}.{rootDomain} is available
              </span>
            ) : check && !errors?.length ? (
              <span className="text-red-700">✗ {check.reason ?? "That address cannot be used."}</span>
            ) : null}
          </div>
          {check && !check.available && check.suggestions.length > 0 && !checking && (
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="text-slate-600">Available instead:</span>
              {check.suggestions.map((s) => (
                <button
                  key={s}
                  type="button"
                  onClick={() => onPick(s)}
                  className="rounded-full border border-slate-300 bg-white px-3 py-1 font-mono text-xs hover:border-[var(--brand-primary)] hover:text-[var(--brand-primary)]"
                >
                  {s}
                </button>
              ))}
            </div>
          )}
        </>
      }
    >
      {(control) => (
        <div className="flex min-w-0 items-stretch">
          <input
            {...control}
            name="slug"
            value={slug}
            onChange={(e) => onChange(e.target.value)}
            required
            maxLength={63}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="riverside"
            className={`${inputClass} min-w-0 flex-1 rounded-r-none`}
          />
          <span className="flex max-w-[45%] items-center truncate rounded-r-md border border-l-0 border-slate-300 bg-slate-50 px-3 text-sm text-slate-600">
            .{rootDomain}
          </span>
        </div>
      )}
    </FieldFrame>
  );
}

function CheckYourEmail({ created, message }: { created: Created; message: string }) {
  return (
    <div role="status" className="flex flex-col gap-3 rounded-xl border border-emerald-200 bg-emerald-50 p-6 text-emerald-950">
      <h2 className="text-lg font-semibold">Check your e-mail</h2>
      <p>
        We created <span className="font-medium">{created.domain}</span>. {message}
      </p>
      <p className="text-sm">Nobody can sign in as its administrator until the address is confirmed.</p>
    </div>
  );
}
