import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { enqueueAccountMessage, confirmAddressEmail, ownerNoticeEmail } from "@/lib/auth/account-mail";
import { CONFIRM_HOURS, findOpenAccountToken, issueAccountToken, markAccountTokenUsed } from "@/lib/auth/account-tokens";
import { platformUrl } from "@/lib/auth/password-reset";
import { invitations, organizations } from "@/lib/db/schema";
import { enterTenant, withPlatform } from "@/lib/db/tenant";
import { ForbiddenError, ValidationError } from "@/lib/errors/app-error";
import { membershipsRepo } from "@/lib/memberships/repository";
import { hashPassword } from "@/lib/users/password";
import { platformUsers } from "@/lib/users/platform-repository";

// Becoming an organization's owner by e-mail address (self-service sign-up with an `owner`, or an
// owner-claim link) needs proof that the person reads that address. Until the e-mailed link is
// used nobody can sign in as that owner, and the answer to the request is the same whether or
// not the address already has an account: the e-mail tells the real owner which case it is.

export const OWNER_CONFIRMATION_MESSAGE =
  "We sent a link to the administrator's e-mail address. Open it within 24 hours to confirm the address and finish setting up.";

/**
 * Records a pending owner and mails the address: "confirm your address" (a new account, with the
 * chosen password kept as a hash until then) or "someone named you; sign in and accept" (an
 * existing account, whose password is never touched). Same work either way.
 */
export async function requestOwnerConfirmation({
  organizationId,
  organizationName,
  invitationId,
  owner,
}: {
  organizationId: string;
  organizationName: string;
  invitationId?: string;
  owner: { email: string; name: string; password: string };
}): Promise<void> {
  const email = owner.email.trim().toLowerCase();
  const passwordHash = await hashPassword(owner.password);
  await withPlatform(async (tx) => {
    const existing = await platformUsers(tx).findByEmail({ email });
    const token = await issueAccountToken(tx, {
      purpose: "confirm_owner",
      email,
      name: owner.name,
      userId: existing?.id ?? null,
      passwordHash: existing ? null : passwordHash,
      organizationId,
      invitationId: invitationId ?? null,
      expiresAt: new Date(Date.now() + CONFIRM_HOURS * 3_600_000),
    });
    const url = platformUrl(`/confirm/${token}`);
    const mail = existing
      ? ownerNoticeEmail({ organizationName, url, hours: CONFIRM_HOURS })
      : confirmAddressEmail({ organizationName, url, hours: CONFIRM_HOURS });
    await enqueueAccountMessage(tx, {
      kind: existing ? "owner_notice" : "confirm_address",
      toEmail: email,
      subject: mail.subject,
      bodyText: mail.text,
    });
  });
}

/** Per caller and minute, one allowance for the REST endpoint and the confirmation page's action. */
export const CONFIRM_OWNER_RATE_LIMIT = { route: "/api/v1/signup/confirm/[token]", limit: 20 } as const;

export const CONFIRM_LINK_DEAD = "This confirmation link is not valid any more: it was used or has expired.";

/** What an open confirmation link is for (the confirmation page), or null. */
export async function describeOwnerConfirmation(token: string) {
  return withPlatform(async (tx) => {
    const row = await findOpenAccountToken(tx, token, "confirm_owner");
    if (!row?.organizationId) return null;
    const [org] = await tx
      .select({ name: organizations.name, slug: organizations.slug })
      .from(organizations)
      .where(eq(organizations.id, row.organizationId));
    const account = await platformUsers(tx).findByEmail({ email: row.email });
    return org ? { email: row.email, organization: org, existingAccountId: account?.id ?? null } : null;
  });
}

/**
 * Uses a confirmation link (once, within 24 hours): creates the account with the password chosen
 * at sign-up, or, for an address that has an account, requires that account to be signed in;
 * then makes it the organization's owner (using up the owner-claim invitation, if that is how it
 * started).
 */
export async function confirmOwner({ token, signedInUserId }: { token: string; signedInUserId: string | null }) {
  return withPlatform(async (tx) => {
    const row = await findOpenAccountToken(tx, token, "confirm_owner", { forUpdate: true });
    if (!row?.organizationId) throw new ValidationError(CONFIRM_LINK_DEAD, undefined, "invalid:link");
    const users = platformUsers(tx);
    const existing = await users.findByEmail({ email: row.email });
    let userId: string;
    if (existing) {
      if (signedInUserId !== existing.id) {
        throw new ForbiddenError(`Sign in as ${row.email} first, then open this link again.`, "forbidden:wrong_account");
      }
      userId = existing.id;
    } else {
      if (!row.passwordHash) throw new ValidationError(CONFIRM_LINK_DEAD, undefined, "invalid:link");
      userId = (await users.create({ input: { email: row.email, name: row.name ?? row.email, passwordHash: row.passwordHash } })).id;
    }
    const orgId = row.organizationId;
    await markAccountTokenUsed(tx, row.id);
    const [org] = await tx
      .select({ id: organizations.id, slug: organizations.slug })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    // From here on the transaction is the organization's (platform tables are out of reach).
    const ttx = await enterTenant(tx, orgId, userId);
    if (row.invitationId) {
      const [claimed] = await ttx
        .update(invitations)
        .set({ acceptedAt: new Date() })
        .where(
          and(
            eq(invitations.organizationId, orgId),
            eq(invitations.id, row.invitationId),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, new Date()),
          ),
        )
        .returning({ id: invitations.id });
      if (!claimed)
        throw new ValidationError(
          "This organization has been claimed already, or its claim link was withdrawn.",
          undefined,
          "invalid:link",
        );
    }
    const members = membershipsRepo(ttx, orgId);
    const membership = await members.findByUser({ userId });
    if (!membership) await members.add({ userId, role: "owner" });
    else if (membership.status !== "active" || membership.role !== "owner") {
      await members.update({ id: membership.id, patch: { status: "active", role: "owner" } });
    }
    return { userId, email: row.email, createdAccount: !existing, organization: org! };
  });
}
