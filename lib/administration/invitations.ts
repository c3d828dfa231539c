import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { hashPassword } from "@/lib/users/password";
import { assertCanAddUser } from "@/lib/billing/limits";
import { invitations, type Invitation, type MemberRole, type Organization } from "@/lib/db/schema";
import { withPlatform, withTenant, type TenantTx } from "@/lib/db/tenant";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { invitationEmail } from "@/lib/notifications/compose";
import { outboxRepo } from "@/lib/notifications/outbox-repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { hashToken, organizationSiteUrl, randomToken } from "@/lib/auth/links";
import { platformUsers } from "@/lib/users/platform-repository";
import { membershipsRepo } from "@/lib/memberships/repository";
import type { Caller } from "@/lib/pipeline/authenticate";
import { email as emailField, password, personName } from "@/lib/validation/fields";
import { parseOrThrow } from "@/lib/validation/parse";
import { OWNER_CONFIRMATION_MESSAGE, requestOwnerConfirmation } from "./owner-confirmation";

export const INVITATION_DAYS = 7;

export function invitationUrl(slug: string, token: string): string {
  return organizationSiteUrl(slug, `/invitations/${token}`);
}

/**
 * An invitation by e-mail (or, with no e-mail, an owner-claim link for an organization created
 * without one). Counts against the plan's user limit while pending. The token is returned once.
 */
export async function createInvitation(
  tx: TenantTx,
  orgId: string,
  { email, role, invitedBy }: { email: string | null; role: MemberRole; invitedBy: string | null },
): Promise<{ invitation: Invitation; token: string; url: string }> {
  await assertCanAddUser(tx, orgId);
  const normalized = email?.trim().toLowerCase() ?? null;
  if (normalized) {
    const open = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.organizationId, orgId),
          eq(invitations.email, normalized),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      );
    if (open.length) throw new ConflictError("invitation", "This person already has an open invitation.");
  }
  const token = randomToken();
  const [invitation] = await tx
    .insert(invitations)
    .values({
      organizationId: orgId,
      email: normalized,
      role,
      tokenHash: hashToken(token),
      invitedBy,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    })
    .returning();
  const organization = await organizationRepo(tx, orgId).get();
  const branding = await organizationRepo(tx, orgId).getBranding();
  const url = invitationUrl(organization.slug, token);
  if (normalized) {
    const mail = invitationEmail({ organizationName: branding.displayName, role, days: INVITATION_DAYS, acceptUrl: url });
    await outboxRepo(tx, orgId).enqueue({
      kind: "invitation",
      toEmail: normalized,
      subject: mail.subject,
      bodyText: mail.text,
    });
  }
  return { invitation: invitation!, token, url };
}

export async function listInvitations(tx: TenantTx, orgId: string) {
  return tx.select().from(invitations).where(eq(invitations.organizationId, orgId)).orderBy(desc(invitations.createdAt)).limit(200);
}

async function openInvitation(tx: TenantTx, orgId: string, token: string, forUpdate = false) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const query = tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, orgId), eq(invitations.tokenHash, hashToken(token))));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt.getTime() < Date.now()) return undefined;
  return row;
}

/** Per caller and minute within the organization: one allowance for each REST endpoint and the invitation page's twin action. */
export const VIEW_INVITATION_RATE_LIMIT = { route: "/api/v1/public/invitations/[token]", limit: 60 } as const;
export const ACCEPT_INVITATION_RATE_LIMIT = {
  route: "/api/v1/public/invitations/[token]/accept",
  limit: 10,
  message: "Too many attempts. Please wait a minute.",
} as const;

export const INVITATION_DEAD = "This invitation is not valid any more. Ask for a new one.";

/** What an invitation link offers (organization, role, the e-mail it is for); 404 for a dead or another organization's link. */
export async function invitationOffer(organization: Pick<Organization, "id" | "name" | "slug">, token: string) {
  const invitation = await describeInvitation(organization.id, token);
  if (!invitation) throw new NotFoundError("invitation", INVITATION_DEAD);
  return { ...invitation, organization: { name: organization.name, slug: organization.slug } };
}

const newAccount = z.object({ email: emailField, name: personName, password });

/**
 * Accepts as the signed-in user (no password given), or creating the account from
 * `{email, name, password}` (every field error at once). The endpoint's and the page's one path.
 */
export async function acceptInvitationAs(organization: Pick<Organization, "id" | "slug">, token: string, caller: Caller, body: object) {
  const result =
    caller.kind === "user" && !("password" in body)
      ? await acceptInvitation(organization.id, token, { userId: caller.userId })
      : await acceptInvitation(organization.id, token, parseOrThrow(newAccount, body, "account"));
  return { ...result, organization: { id: organization.id, slug: organization.slug } };
}

export async function describeInvitation(orgId: string, token: string) {
  return withTenant(orgId, async (tx) => {
    const row = await openInvitation(tx, orgId, token);
    return row ? { email: row.email, role: row.role, expiresAt: row.expiresAt } : null;
  });
}

/**
 * Accepts an invitation: as the signed-in user (whose e-mail must match an addressed invitation),
 * or by creating the account (an addressed invitation's link proves the address). An owner-claim
 * link names no address, so a new account through it waits for the address to be confirmed.
 * Single use.
 */
export async function acceptInvitation(
  orgId: string,
  token: string,
  who: { userId: string } | { email: string; name: string; password: string },
): Promise<{ userId: string; role: MemberRole } | { status: "confirmation_sent"; message: string }> {
  let userId: string;
  let email: string;
  if ("userId" in who) {
    const user = await withPlatform((tx) => platformUsers(tx).findById({ id: who.userId }));
    if (!user) throw new NotFoundError("user");
    userId = user.id;
    email = user.email;
  } else {
    email = who.email.trim().toLowerCase();
    // Check the invitation first: a dead or mismatched link must not leave an account behind.
    const described = await describeInvitation(orgId, token);
    if (!described) throw new NotFoundError("invitation", INVITATION_DEAD);
    if (described.email && described.email !== email) {
      throw new ValidationError(
        `This invitation is for ${described.email}.`,
        { email: [`Use ${described.email}.`] },
        "invalid:invitation_email",
      );
    }
    if (!described.email) {
      // An owner-claim link names no address: the address given must be proved first (and the
      // answer must not tell whether it has an account). The claim completes from the e-mail.
      const [row] = await withTenant(orgId, (tx) => openInvitation(tx, orgId, token).then((r) => (r ? [r] : [])));
      if (!row) throw new NotFoundError("invitation", INVITATION_DEAD);
      const organizationName = await withTenant(orgId, async (tx) => (await organizationRepo(tx, orgId).getBranding()).displayName);
      await requestOwnerConfirmation({ organizationId: orgId, organizationName, invitationId: row.id, owner: { ...who, email } });
      return { status: "confirmation_sent", message: OWNER_CONFIRMATION_MESSAGE };
    }
    const passwordHash = await hashPassword(who.password);
    const created = await withPlatform(async (tx) => {
      if (await platformUsers(tx).findByEmail({ email })) return null;
      return platformUsers(tx).create({ input: { email, name: who.name, passwordHash } });
    });
    if (!created)
      throw new ConflictError("user_email", "An account with this e-mail already exists. Sign in first, then open the invitation again.");
    userId = created.id;
  }
  return withTenant(
    orgId,
    async (tx) => {
      const invitation = await openInvitation(tx, orgId, token, true);
      if (!invitation) throw new NotFoundError("invitation", INVITATION_DEAD);
      if (invitation.email && invitation.email !== email) {
        throw new ValidationError(
          `This invitation is for ${invitation.email}. Sign in with that account.`,
          undefined,
          "invalid:invitation_email",
        );
      }
      await tx
        .update(invitations)
        .set({ acceptedAt: new Date() })
        .where(and(eq(invitations.organizationId, orgId), eq(invitations.id, invitation.id)));
      const members = membershipsRepo(tx, orgId);
      const existing = await members.findByUser({ userId });
      if (existing) {
        if (existing.status === "active") throw new ConflictError("membership", "You are already a member of this organization.");
        await members.update({ id: existing.id, patch: { status: "active", role: invitation.role } });
      } else {
        await members.add({ userId, role: invitation.role });
      }
      return { userId, role: invitation.role };
    },
    { userId },
  );
}
