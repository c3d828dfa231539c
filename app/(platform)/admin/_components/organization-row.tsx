"use client";

import { startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { SUBSCRIPTION_LABELS } from "@/components/settings/subscription";
import { Dialog } from "@/components/ui/dialog";
import { dangerButton, FieldFrame, inputBase, inputClass, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { Badge } from "@/components/ui/panel";
import { subscriptionStatuses, type OrganizationPlan, type SubscriptionStatus } from "@/lib/db/schema/enum-values";
import type { Organization } from "@/lib/db/schema";
import type { ActionResult } from "@/lib/pipeline/action-result";
import { isOffboardedSlug } from "@/lib/tenancy/slug";
import type { offboardOrganizationAction, updateOrganizationAction } from "../actions";

type Row = Pick<Organization, "id" | "name" | "slug" | "type" | "plan" | "status" | "subscriptionStatus" | "createdAt">;
type Result = ActionResult<string>;

const created = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

function Outcome({ state, focusOnSuccess = false }: { state: Result | null; focusOnSuccess?: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null);
  // After a dialog whose opener is gone (an offboarded row has no Offboard button), focus lands here
  // rather than on the page's body.
  useEffect(() => {
    if (focusOnSuccess && state?.ok) ref.current?.focus();
  }, [focusOnSuccess, state]);
  if (!state) return null;
  return state.ok ? (
    <p ref={ref} tabIndex={-1} role="status" className="text-sm text-emerald-700 focus:outline-none">
      {state.data}
    </p>
  ) : (
    <p role="alert" className="text-sm text-red-700">
      {state.formError}
    </p>
  );
}

/**
 * `action` comes from the server page rather than an import here: so it runs in the same server
 * layer as the pages, and its cache invalidation reaches the tenant lookups they use.
 */
export function OrganizationRow({
  organization: o,
  siteUrl,
  action,
  offboard,
  plans,
  usage,
}: {
  organization: Row;
  siteUrl: string;
  action: typeof updateOrganizationAction;
  /** Deletes a suspended organization's data for good (offered once it is suspended). */
  offboard: typeof offboardOrganizationAction;
  /** [plan, label] in upgrade order. */
  plans: readonly (readonly [OrganizationPlan, string])[];
  /** "Users 3/5 · providers 2/3 · appointments 12/500 this month". */
  usage?: string;
}) {
  const id = useId();
  const [plan, setPlan] = useState(o.plan);
  const [subscription, setSubscription] = useState(o.subscriptionStatus);
  const [confirming, setConfirming] = useState(false);
  const [saveState, save, saving] = useActionState((_previous: Result | null, form: FormData) => action(form), null);
  const [statusState, changeStatus, changing] = useActionState(async (_previous: Result | null, form: FormData) => {
    const result = await action(form);
    setConfirming(false);
    return result;
  }, null);
  const [offboarding, setOffboarding] = useState(false);
  const [offboardState, runOffboard, removing] = useActionState(async (_previous: Result | null, form: FormData) => {
    const result = await offboard(form);
    if (result.ok) setOffboarding(false);
    return result;
  }, null);
  // The Suspend button and its confirmation replace each other: focus follows, so it is never dropped on the page's body.
  const suspendRef = useRef<HTMLButtonElement>(null);
  const confirmSuspendRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<"suspend" | "confirm" | null>(null);
  useEffect(() => {
    const target =
      focusNext.current === "confirm" ? confirmSuspendRef.current : focusNext.current === "suspend" ? suspendRef.current : null;
    focusNext.current = null;
    target?.focus();
  }, [confirming]);
  const offboarded = isOffboardedSlug(o.slug);
  const unchanged = plan === o.plan && subscription === o.subscriptionStatus;
  // Dispatched by hand rather than <form action>: React resets a form after its action, which would
  // show the first option in these controlled selects instead of the saved value.
  const submitTo = (dispatch: (form: FormData) => void) => (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };

  return (
    <li className="flex flex-col gap-3 px-4 py-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:gap-6">
        <div className="min-w-0 lg:w-72 lg:shrink-0">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            <span className="break-words">{o.name}</span>
            {offboarded ? <Badge>Offboarded</Badge> : o.status === "suspended" && <Badge tone="bad">Suspended</Badge>}
            {o.subscriptionStatus !== "active" && (
              <Badge tone={o.subscriptionStatus === "past_due" ? "warn" : "bad"}>{SUBSCRIPTION_LABELS[o.subscriptionStatus]}</Badge>
            )}
          </p>
          <p className="text-sm text-slate-500">
            {offboarded ? (
              <span className="break-all font-mono">{o.slug}</span>
            ) : (
              <a href={siteUrl} className="font-mono text-teal-700 underline-offset-2 hover:underline">
                {o.slug}
              </a>
            )}{" "}
            · {o.type} · since {created.format(o.createdAt)}
          </p>
          {usage && <p className="text-xs text-slate-500">{usage}</p>}
        </div>

        {offboarded ? (
          <p className="text-sm text-slate-500 lg:flex-1">Its data has been deleted: there is nothing left to change or reactivate.</p>
        ) : (
          <>
            <form onSubmit={submitTo(save)} className="flex flex-1 flex-wrap items-end gap-2">
              <input type="hidden" name="id" value={o.id} />
              {/* Only a changed select is submitted (it has a name), so the result names only what changed. */}
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-plan`} className="text-xs font-medium text-slate-600">
                  Plan
                </label>
                <select
                  id={`${id}-plan`}
                  name={plan === o.plan ? undefined : "plan"}
                  value={plan}
                  onChange={(e) => setPlan(e.target.value as OrganizationPlan)}
                  className={`${inputBase} w-40`}
                >
                  {plans.map(([p, label]) => (
                    <option key={p} value={p}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-subscription`} className="text-xs font-medium text-slate-600">
                  Subscription
                </label>
                <select
                  id={`${id}-subscription`}
                  name={subscription === o.subscriptionStatus ? undefined : "subscriptionStatus"}
                  value={subscription}
                  onChange={(e) => setSubscription(e.target.value as SubscriptionStatus)}
                  className={`${inputBase} w-44`}
                >
                  {subscriptionStatuses.map((s) => (
                    <option key={s} value={s}>
                      {SUBSCRIPTION_LABELS[s]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className={secondaryButton} disabled={saving || unchanged}>
                {saving ? "Saving…" : "Save"}
              </button>
            </form>

            <div className="flex flex-wrap items-center gap-2">
              {o.status === "active" && !confirming && (
                <button
                  ref={suspendRef}
                  type="button"
                  className={dangerButton}
                  onClick={() => {
                    focusNext.current = "confirm";
                    setConfirming(true);
                  }}
                >
                  Suspend
                </button>
              )}
              {(o.status === "suspended" || confirming) && (
                <form onSubmit={submitTo(changeStatus)} className="flex flex-wrap items-center gap-2">
                  <input type="hidden" name="id" value={o.id} />
                  <input type="hidden" name="status" value={o.status === "active" ? "suspended" : "active"} />
                  {o.status === "active" ? (
                    <>
                      <span className="text-sm text-slate-700">Close its site and staff pages?</span>
                      <button ref={confirmSuspendRef} type="submit" className={dangerButton} disabled={changing}>
                        {changing ? "Suspending…" : "Yes, suspend"}
                      </button>
                      <button
                        type="button"
                        className={secondaryButton}
                        onClick={() => {
                          focusNext.current = "suspend";
                          setConfirming(false);
                        }}
                      >
                        Cancel
                      </button>
                    </>
                  ) : (
                    <button type="submit" className={primaryButton} disabled={changing}>
                      {changing ? "Reactivating…" : "Reactivate"}
                    </button>
                  )}
                </form>
              )}
              {o.status === "suspended" && !offboarded && (
                <button type="button" aria-haspopup="dialog" className={dangerButton} onClick={() => setOffboarding(true)}>
                  Offboard…
                </button>
              )}
            </div>
          </>
        )}
      </div>
      {o.status === "suspended" && !offboarded && offboarding && (
        <OffboardDialog
          organization={o}
          state={offboardState}
          removing={removing}
          onSubmit={submitTo(runOffboard)}
          onClose={() => setOffboarding(false)}
        />
      )}
      <Outcome state={saveState} />
      <Outcome state={statusState} />
      {/* A refusal is shown in the dialog, beside the field. */}
      {offboardState?.ok && <Outcome state={offboardState} focusOnSuccess />}
    </li>
  );
}

/**
 * The confirmation before an organization's data is deleted: what goes, that it cannot be undone,
 * and its slug typed out. Focus starts in the field; Cancel, Escape or the close button return it
 * to the Offboard button.
 */
function OffboardDialog({
  organization: o,
  state,
  removing,
  onSubmit,
  onClose,
}: {
  organization: Row;
  state: Result | null;
  removing: boolean;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  onClose: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const summaryId = useId();
  // After the dialog's own effect has opened it (a parent's effects run after its children's).
  useEffect(() => inputRef.current?.focus(), []);
  const failed = state && !state.ok ? state : null;
  // A refused confirmation: back to the field, whose description now reads the reason.
  useEffect(() => {
    if (failed) inputRef.current?.focus();
  }, [failed]);
  const fieldErrors = failed?.fieldErrors.confirm;
  return (
    <Dialog title={`Offboard ${o.name}?`} placement="center" onClose={onClose}>
      <form onSubmit={onSubmit} aria-describedby={summaryId} className="flex flex-col gap-4 text-sm">
        <input type="hidden" name="id" value={o.id} />
        <div id={summaryId} className="flex flex-col gap-2 text-slate-700">
          <p>
            This deletes all of the organization&apos;s data: patients, appointments, providers, members, settings, domains and its audit
            trail. <strong className="font-semibold text-slate-900">It cannot be undone.</strong>
          </p>
          <p>The organization stays in this list, without its name or address, as “Offboarded organization”.</p>
        </div>
        <FieldFrame
          label={
            <>
              Type <span className="font-mono">{o.slug}</span> to confirm
            </>
          }
          errors={fieldErrors}
          invalid={Boolean(failed)}
        >
          {(control) => (
            <input
              {...control}
              ref={inputRef}
              name="confirm"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              className={`${inputClass} font-mono`}
            />
          )}
        </FieldFrame>
        {failed && !fieldErrors?.length && (
          <p role="alert" className="text-red-700">
            {failed.formError}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={dangerButton} disabled={removing}>
            {removing ? "Deleting…" : "Delete its data for good"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
