"use client";

import { useQuery, type QueryKey } from "@tanstack/react-query";
import { useId, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { isPlanLimit, PlanLimitAlert } from "@/components/settings/plan-limit";
import { settingsKeys } from "@/components/settings/query-keys";
import { SettingsHeader } from "@/components/settings/settings-header";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CopyField } from "@/components/ui/copy-field";
import { Field, SelectField, SuccessNote, dangerButton, inputBase, linkButton, secondaryButton } from "@/components/ui/form-field";
import { CreateInline } from "@/components/ui/form-inline";
import { Badge, Panel } from "@/components/ui/panel";
import type { DirectoryMember as Member } from "@/lib/administration/member-directory";
import type { CreatedInvitation } from "@/lib/administration/members";
import { memberRoles, type MemberRole } from "@/lib/db/schema/enum-values";
import type { MemberPatch } from "@/lib/memberships/schemas";
import { ROLE_LABELS } from "@/lib/tenancy/permissions";
import {
  changeMemberAction,
  inviteMemberAction,
  memberDirectoryAction,
  removeMemberAction,
  resetMemberMfaAction,
  revokeInvitationAction,
} from "../actions";

const ROLE_ORDER: readonly MemberRole[] = memberRoles;
const ROLE_HINT =
  "Owner: everything, including the plan. Administrator: settings, members and API keys. Clinician: their own schedule and patients. Front desk: appointments and patients.";

type RowError = { id: string; message: string; planLimit?: boolean };

export function MembersSettings({ currentUserId }: { currentUserId: string }) {
  const tenant = useTenant();
  const orgId = tenant.organization.id;
  const key = settingsKeys.members(orgId);
  // The usage page counts members and open invitations against the plan.
  const invalidate = [key, settingsKeys.usage(orgId)];
  const isOwner = tenant.role === "owner";
  const [notice, setNotice] = useState<string | null>(null);
  const [rowError, setRowError] = useState<RowError | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);

  const query = useQuery({ queryKey: key, queryFn: () => unwrap(memberDirectoryAction({})) });
  const fail = (id: string) => (err: unknown) =>
    setRowError({
      id,
      message: err instanceof Error ? err.message : "Something went wrong. Please try again.",
      planLimit: isPlanLimit(err),
    });
  const clear = () => {
    setRowError(null);
    setNotice(null);
  };

  const update = useActionMutation(
    ({ member, patch }: { member: Member; patch: MemberPatch }) => changeMemberAction({ id: member.id, ...patch }),
    {
      invalidate,
      onSuccess: (_data, { member, patch }) =>
        setNotice(
          patch.role
            ? `${member.name || member.email} is now ${ROLE_LABELS[patch.role].toLowerCase()}.`
            : patch.status === "suspended"
              ? `${member.name || member.email} is suspended and can no longer sign in here.`
              : `${member.name || member.email} is active again.`,
        ),
    },
  );
  const remove = useActionMutation((member: Member) => removeMemberAction({ id: member.id }), {
    invalidate,
    onSuccess: (_data, member) => {
      setConfirmRemove(null);
      setNotice(`${member.name || member.email} was removed from ${tenant.branding.displayName}.`);
    },
  });
  const resetMfa = useActionMutation((member: Member) => resetMemberMfaAction({ id: member.id }), {
    onSuccess: ({ wasEnabled }, member) =>
      setNotice(
        wasEnabled
          ? `Two-factor authentication was reset for ${member.name || member.email}. They can sign in with their password and set it up again.`
          : `${member.name || member.email} did not have two-factor authentication on; nothing changed.`,
      ),
  });
  const revoke = useActionMutation((id: string) => revokeInvitationAction({ id }), {
    invalidate,
    onSuccess: () => setNotice("Invitation revoked; its link no longer works."),
  });
  // Each failure is shown beside the row it is about.
  const updateMember = (member: Member, patch: MemberPatch) => {
    clear();
    update.mutate({ member, patch }, { onError: fail(member.id) });
  };
  const removeMember = (member: Member) => {
    clear();
    remove.mutate(member, { onError: fail(member.id) });
  };
  const resetMemberMfa = (member: Member) => {
    clear();
    resetMfa.mutate(member, { onError: fail(member.id) });
  };
  const revokeInvitation = (id: string) => {
    clear();
    revoke.mutate(id, { onError: fail(id) });
  };

  const members = [...(query.data?.members ?? [])].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || (a.name || a.email).localeCompare(b.name || b.email),
  );
  const invitations = query.data?.invitations ?? [];
  const date = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: tenant.organization.timeZone });
  const memberBusy = (id: string) =>
    (update.isPending && update.variables?.member.id === id) || (remove.isPending && remove.variables?.id === id);

  return (
    <div className="flex flex-col gap-6">
      <SettingsHeader title="Members" description="Who can sign in to this organization, and what each person may do." />
      <SuccessNote message={notice} />

      <InviteForm isOwner={isOwner} invalidate={invalidate} />

      <Panel title={`Members${query.data ? ` (${members.length})` : ""}`} description={ROLE_HINT}>
        {query.isPending && <LoadingState />}
        {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
        {query.data && (
          <ul className="flex flex-col divide-y divide-slate-100">
            {members.map((m) => {
              const self = m.userId === currentUserId;
              // Only an owner changes an owner's membership or makes someone an owner (the server enforces it too).
              const locked = self || (m.role === "owner" && !isOwner);
              const error = rowError?.id === m.id ? rowError : null;
              return (
                <li key={m.id} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0">
                  <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
                    <div className="min-w-0 flex-1 basis-56">
                      <p className="flex flex-wrap items-center gap-2 font-medium">
                        <span className="break-all">{m.name || m.email}</span>
                        {self && <Badge tone="info">You</Badge>}
                        {m.status === "suspended" && <Badge tone="bad">Suspended</Badge>}
                        {m.status === "invited" && <Badge tone="warn">Invited</Badge>}
                      </p>
                      {m.name && <p className="break-all text-sm text-slate-500">{m.email}</p>}
                    </div>
                    <RoleSelect
                      member={m}
                      disabled={locked || memberBusy(m.id)}
                      allowOwner={isOwner}
                      onChange={(role) => updateMember(m, { role })}
                    />
                    <div className="flex flex-wrap gap-2">
                      {!locked && m.status !== "suspended" && (
                        <button
                          type="button"
                          className={secondaryButton}
                          disabled={memberBusy(m.id)}
                          onClick={() => updateMember(m, { status: "suspended" })}
                        >
                          Suspend
                        </button>
                      )}
                      {!locked && m.status === "suspended" && (
                        <button
                          type="button"
                          className={secondaryButton}
                          disabled={memberBusy(m.id)}
                          onClick={() => updateMember(m, { status: "active" })}
                        >
                          Reactivate
                        </button>
                      )}
                      {!locked && m.status === "active" && (
                        <button
                          type="button"
                          className={secondaryButton}
                          disabled={memberBusy(m.id) || (resetMfa.isPending && resetMfa.variables?.id === m.id)}
                          onClick={() => resetMemberMfa(m)}
                          aria-label={`Reset two-factor authentication for ${m.name || m.email}`}
                        >
                          Reset two-factor
                        </button>
                      )}
                      {!locked && confirmRemove !== m.id && (
                        <button
                          type="button"
                          className={dangerButton}
                          disabled={memberBusy(m.id)}
                          onClick={() => {
                            clear();
                            setConfirmRemove(m.id);
                          }}
                        >
                          Remove
                        </button>
                      )}
                    </div>
                  </div>
                  {self && <p className="text-xs text-slate-500">Another administrator can change your own membership.</p>}
                  {confirmRemove === m.id && (
                    <div className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
                      <p>
                        Remove {m.name || m.email} from {tenant.branding.displayName}? They lose access at once. Their account and anything
                        they recorded are kept; you can invite them again later.
                      </p>
                      <div className="flex flex-wrap gap-2">
                        <button type="button" className={dangerButton} disabled={memberBusy(m.id)} onClick={() => removeMember(m)}>
                          {remove.isPending && remove.variables?.id === m.id ? "Removing…" : "Yes, remove"}
                        </button>
                        <button type="button" className={secondaryButton} onClick={() => setConfirmRemove(null)}>
                          Keep
                        </button>
                      </div>
                    </div>
                  )}
                  {error && <RowAlert error={error} />}
                </li>
              );
            })}
          </ul>
        )}
      </Panel>

      <Panel
        title={`Open invitations${query.data ? ` (${invitations.length})` : ""}`}
        description="Each link works once and expires after 7 days."
      >
        {query.data && invitations.length === 0 && <p className="text-sm text-slate-500">No open invitations.</p>}
        {invitations.length > 0 && (
          <ul className="flex flex-col divide-y divide-slate-100">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0">
                <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                  <div className="min-w-0 flex-1 basis-56">
                    <p className="break-all font-medium">{i.email ?? "Owner claim link"}</p>
                    <p className="text-sm text-slate-500">
                      {ROLE_LABELS[i.role]} · expires {date.format(new Date(i.expiresAt))}
                    </p>
                  </div>
                  <button
                    type="button"
                    className={dangerButton}
                    disabled={revoke.isPending && revoke.variables === i.id}
                    onClick={() => revokeInvitation(i.id)}
                    aria-label={`Revoke the invitation for ${i.email ?? "the owner claim link"}`}
                  >
                    {revoke.isPending && revoke.variables === i.id ? "Revoking…" : "Revoke"}
                  </button>
                </div>
                {rowError?.id === i.id && <RowAlert error={rowError} />}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

function RowAlert({ error }: { error: RowError }) {
  if (error.planLimit) return <PlanLimitAlert message={error.message} />;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {error.message}
    </p>
  );
}

function RoleSelect({
  member,
  disabled,
  allowOwner,
  onChange,
}: {
  member: Member;
  disabled: boolean;
  allowOwner: boolean;
  onChange: (role: MemberRole) => void;
}) {
  const id = useId();
  const roles = ROLE_ORDER.filter((r) => r !== "owner" || allowOwner || member.role === "owner");
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Role for {member.name || member.email}
      </label>
      <select
        id={id}
        value={member.role}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as MemberRole)}
        className={`${inputBase} w-40`}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
    </div>
  );
}

function InviteForm({ isOwner, invalidate }: { isOwner: boolean; invalidate: QueryKey[] }) {
  // The link holds a secret: it lives in this component only, never in the query cache.
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [formKey, setFormKey] = useState(0);
  const invite = useActionMutation(inviteMemberAction, {
    invalidate,
    secret: true,
    conflictFields: { invitation: "email", membership: "email" },
    onSuccess: (data) => {
      setCreated(data);
      setFormKey((k) => k + 1);
    },
  });
  const fe = invite.errors.fieldErrors;
  const roles = ROLE_ORDER.filter((r) => r !== "owner" || isOwner).map((r) => [r, ROLE_LABELS[r]] as const);

  return (
    <Panel title="Invite someone" description="They get an e-mail with a link to join; the link expires after 7 days.">
      <div className="flex flex-col gap-4">
        <CreateInline
          key={formKey}
          mutation={invite}
          shownFields={["email", "role"]}
          required={{ email: "Enter the e-mail address to invite." }}
          columns="sm:grid-cols-[minmax(0,1fr)_12rem_auto]"
          submitLabel="Send invitation"
          pendingLabel="Inviting…"
          onSubmit={({ text }) => {
            setCreated(null);
            invite.mutate({ email: text("email"), role: text("role") as MemberRole });
          }}
        >
          <Field name="email" label="E-mail" type="email" required autoComplete="off" errors={fe.email} placeholder="name@example.org" />
          <SelectField name="role" label="Role" options={roles} defaultValue="clinician" errors={fe.role} />
        </CreateInline>
        {created && (
          <div
            role="status"
            className="flex flex-col gap-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-950"
          >
            <p>
              <span className="font-semibold">Invitation created for {created.email}</span> as {ROLE_LABELS[created.role].toLowerCase()}. An
              e-mail is on its way if e-mail delivery is set up. You can also send this link yourself — it is shown only now:
            </p>
            <CopyField id="invitation-link" label="Invitation link" value={created.url} copyLabel="Copy link" />
            <button type="button" className={`${linkButton} self-start`} onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        )}
      </div>
    </Panel>
  );
}
