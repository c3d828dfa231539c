import "server-only";
import { config } from "@/lib/config/env";
import { withPlatform } from "@/lib/db/tenant";
import { ForbiddenError } from "@/lib/errors/app-error";
import { organizationUrl } from "@/lib/tenancy/href";
import { platformUsers } from "@/lib/users/platform-repository";
import { cookieReachesHost } from "./cookies";
import { createHandoff, redeemHandoff } from "./handoff";
import { mfaMissingIn } from "./mfa";
import { MFA_ENROLMENT_PATH } from "./mfa-path";

/** The user's own memberships with each organization's name and slug (the switcher's list). */
export async function memberOrganizations(userId: string) {
  return withPlatform((tx) => platformUsers(tx).listOwnMemberships({ userId }), { userId });
}

/**
 * The org switcher: where to go for another of the user's organizations. Where the session
 * cookie reaches that organization's host, a plain link; otherwise a single-use hand-off URL. An
 * organization that requires two-factor authentication the user has not turned on leads to its
 * enrolment page (its staff pages and actions refuse the user until then).
 */
export async function switchOrganization({
  userId,
  organizationId,
  protocol,
  ssoOrganizationId = null,
}: {
  userId: string;
  organizationId: string;
  protocol: string;
  /** The session came through this organization's single sign-on: it reaches no other. */
  ssoOrganizationId?: string | null;
}) {
  if (ssoOrganizationId && ssoOrganizationId !== organizationId) {
    throw new ForbiddenError(
      "You signed in through another organization's single sign-on. Sign in again to reach this one.",
      "forbidden:not_a_member",
    );
  }
  const memberships = await memberOrganizations(userId);
  const target = memberships.find((m) => m.organizationId === organizationId);
  if (!target) throw new ForbiddenError("You are not a member of that organization.", "forbidden:not_a_member");
  if (target.status !== "active") throw new ForbiddenError("That organization's account is suspended.", "forbidden:organization_suspended");

  const root = config().rootDomain;
  const landing = (await mfaMissingIn(target.organizationId, userId)) ? MFA_ENROLMENT_PATH : "/dashboard";
  const dashboard = organizationUrl({ slug: target.slug, rootDomain: root, protocol, path: landing });
  const targetHost = new URL(dashboard).host;
  if (cookieReachesHost(root, targetHost)) {
    return { mode: "direct" as const, url: dashboard, organizationId: target.organizationId, mfaRequired: landing === MFA_ENROLMENT_PATH };
  }
  // A hand-off mints a plain session on the other host: not for a session confined to one organization.
  if (ssoOrganizationId) {
    throw new ForbiddenError("Sign in through your organization's single sign-on on that address.", "forbidden:not_a_member");
  }
  const token = await createHandoff({ userId, organizationId: target.organizationId, targetHost: new URL(dashboard).hostname });
  const url = organizationUrl({
    slug: target.slug,
    rootDomain: root,
    protocol,
    path: `/api/auth/handoff?token=${encodeURIComponent(token)}`,
  });
  return { mode: "handoff" as const, url, organizationId: target.organizationId, mfaRequired: landing === MFA_ENROLMENT_PATH };
}

/**
 * Redeems a hand-off on the organization's own host: the user (still a member there) for whom a
 * host-only session is minted, or null (invalid, used, expired, another host, membership gone).
 */
export async function redeemHandoffOnHost({ token, host }: { token: string; host: string }) {
  const handoff = await redeemHandoff({ token, host });
  if (!handoff) return { ok: false as const, reason: "invalid, used, expired or for another host" };
  const user = await withPlatform(
    async (tx) => {
      const users = platformUsers(tx);
      const found = await users.findById({ id: handoff.userId });
      const memberships = await users.listOwnMemberships({ userId: handoff.userId });
      return found && memberships.some((m) => m.organizationId === handoff.organizationId) ? found : null;
    },
    { userId: handoff.userId },
  );
  if (!user) return { ok: false as const, reason: "membership no longer active" };
  return { ok: true as const, user: { id: user.id, email: user.email, name: user.name }, organizationId: handoff.organizationId };
}
