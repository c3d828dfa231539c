"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { dayLabel, timeLabel } from "@/components/scheduling/format";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { CopyButton } from "@/components/ui/copy-button";
import { FormAlert, SuccessNote, dangerButton, inputClass, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { Badge, Panel } from "@/components/ui/panel";
import type { ProviderDetail } from "@/lib/providers/service";
import { calendarFeedStatusAction, createCalendarFeedAction, revokeCalendarFeedAction } from "../../actions";

type Confirming = "replace" | "revoke" | null;

/**
 * The provider's private calendar subscription: make it (the address is shown once), replace it
 * (the old address stops working) or turn it off. The provider themselves or an administrator.
 */
export function CalendarFeedPanel({ provider, className = "" }: { provider: ProviderDetail; className?: string }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const canEditSettings = usePermission("settings:manage");
  const orgId = tenant.organization.id;
  const timeZone = tenant.organization.timeZone;
  const queryKey = [...staffKeys.provider(orgId, provider.id), "calendar-feed"];
  const status = useQuery({ queryKey, queryFn: () => unwrap(calendarFeedStatusAction({ id: provider.id })) });
  const [address, setAddress] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const addressId = useId();
  const addressRef = useRef<HTMLInputElement>(null);
  const replaceButton = useRef<HTMLButtonElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const cancelConfirm = () => {
    const opener = confirming === "replace" ? replaceButton : revokeButton;
    setConfirming(null);
    requestAnimationFrame(() => opener.current?.focus());
  };

  const create = useActionMutation((id: string) => createCalendarFeedAction({ id }), {
    invalidate: [queryKey],
    secret: true,
    onSuccess: (feed) => {
      setConfirming(null);
      setNotice(null);
      setAddress(feed.url);
    },
  });
  const noticeRef = useRef<HTMLDivElement>(null);
  const revoke = useActionMutation((id: string) => revokeCalendarFeedAction({ id }), {
    invalidate: [queryKey],
    onSuccess: () => {
      setConfirming(null);
      setAddress(null);
      setNotice("The calendar feed is off. Calendars subscribed to it stop updating.");
      // The button that was focused is gone: the result takes focus.
      requestAnimationFrame(() => noticeRef.current?.focus());
    },
  });
  const busy = create.isPending || revoke.isPending;
  // A new address takes focus once it is on screen (its button may be gone or disabled by then).
  useEffect(() => {
    if (address) addressRef.current?.focus();
  }, [address]);
  const when = (instant: string | Date) => `${dayLabel(instant, timeZone)}, ${timeLabel(instant, timeZone)}`;

  return (
    <Panel
      title="Calendar feed"
      className={className}
      description="A private subscription address that shows this provider's AgentCare visits and time off in Google Calendar, Outlook or Apple Calendar."
    >
      {status.isPending && <LoadingState />}
      {status.isError && <ErrorState message={status.error.message} onRetry={() => void status.refetch()} />}
      {status.data && (
        <div className="flex flex-col gap-4 text-sm">
          <FormAlert message={create.errors.formError ?? revoke.errors.formError} />
          <div ref={noticeRef} tabIndex={-1} className="outline-none">
            <SuccessNote message={notice} />
          </div>
          <p className="text-slate-600">
            {status.data.patientNames
              ? "Visits in the feed show the patient's name and the appointment type."
              : "Visits in the feed show the appointment type only, never the patient's name."}{" "}
            {canEditSettings ? (
              <a className="font-medium text-[var(--brand-primary)] underline-offset-2 hover:underline" href={href("/settings/scheduling")}>
                Change in scheduling settings
              </a>
            ) : (
              "An administrator decides this in the scheduling settings."
            )}
          </p>

          {status.data.feed ? (
            <p className="flex flex-wrap items-center gap-2">
              <Badge tone="good">On</Badge>
              <span>
                Made {when(status.data.feed.createdAt)} ·{" "}
                {status.data.feed.lastFetchedAt ? `last fetched ${when(status.data.feed.lastFetchedAt)}` : "not fetched yet"}
              </span>
            </p>
          ) : (
            <p className="flex flex-wrap items-center gap-2">
              <Badge>Off</Badge>
              <span>No calendar feed.</span>
            </p>
          )}

          {address && (
            <div className="flex flex-col gap-2 rounded-lg border border-amber-200 bg-amber-50 p-3">
              <label htmlFor={addressId} className="font-medium text-slate-800">
                Subscription address
              </label>
              <div className="flex flex-wrap items-center gap-2">
                <input
                  ref={addressRef}
                  id={addressId}
                  readOnly
                  value={address}
                  onFocus={(e) => e.currentTarget.select()}
                  className={`${inputClass} min-w-0 flex-1 font-mono text-xs`}
                  aria-describedby={`${addressId}-hint`}
                />
                <CopyButton text={address} label="Copy address" />
              </div>
              <div id={`${addressId}-hint`} className="text-slate-700">
                <p>
                  <strong className="font-medium">Copy it now: it is shown only once.</strong> Anyone who has this address can see this
                  calendar, so keep it to yourself.
                </p>
                <ul className="mt-1 list-disc pl-5">
                  <li>Google Calendar: Other calendars → + → From URL.</li>
                  <li>Outlook: Add calendar → Subscribe from web.</li>
                  <li>Apple Calendar: File → New Calendar Subscription.</li>
                </ul>
                <p className="mt-1">Calendar apps check for changes on their own schedule (Google Calendar: every few hours).</p>
              </div>
            </div>
          )}

          {!status.data.canManage && (
            <p className="text-slate-500">
              Only {provider.name} (signed in with their own account) or an administrator can manage this feed.
            </p>
          )}

          {status.data.canManage && confirming === null && (
            <div className="flex flex-wrap gap-2">
              {status.data.feed ? (
                <>
                  <button
                    ref={replaceButton}
                    type="button"
                    className={secondaryButton}
                    disabled={busy}
                    onClick={() => setConfirming("replace")}
                  >
                    Replace address…
                  </button>
                  <button ref={revokeButton} type="button" className={dangerButton} disabled={busy} onClick={() => setConfirming("revoke")}>
                    Turn off…
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className={primaryButton}
                  disabled={busy}
                  onClick={() => {
                    setNotice(null);
                    create.mutate(provider.id);
                  }}
                >
                  {create.isPending ? "Making…" : "Make feed address"}
                </button>
              )}
            </div>
          )}

          {status.data.canManage && confirming !== null && (
            <div
              role="group"
              aria-labelledby={`${addressId}-confirm`}
              className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3"
            >
              <p id={`${addressId}-confirm`} className="font-medium">
                {confirming === "replace"
                  ? "Replace the address? Calendars subscribed to the current one stop updating; subscribe again with the new one."
                  : "Turn the feed off? Calendars subscribed to it stop updating."}
              </p>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={confirming === "replace" ? primaryButton : dangerButton}
                  disabled={busy}
                  onClick={() => (confirming === "replace" ? create.mutate(provider.id) : revoke.mutate(provider.id))}
                >
                  {confirming === "replace"
                    ? create.isPending
                      ? "Replacing…"
                      : "Replace address"
                    : revoke.isPending
                      ? "Turning off…"
                      : "Turn off"}
                </button>
                {/* Focus starts on the safe choice. */}
                <button type="button" autoFocus className={secondaryButton} disabled={busy} onClick={cancelConfirm}>
                  Cancel
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </Panel>
  );
}
