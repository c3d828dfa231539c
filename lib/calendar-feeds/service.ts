import "server-only";
import { hashToken, organizationSiteUrl, randomToken } from "@/lib/auth/links";
import { ForbiddenError, NotFoundError } from "@/lib/errors/app-error";
import { addressLine } from "@/lib/organizations/contact";
import { organizationRepo } from "@/lib/organizations/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import type { CalendarFeed, Provider } from "@/lib/db/schema";
import { membershipsRepo } from "@/lib/memberships/repository";
import { permissionsFor, type Permission } from "@/lib/tenancy/permissions";
import type { MemberContext, ServiceContext } from "@/lib/tenancy/service-context";
import { dateInZone } from "@/lib/time/wall-clock";
import { feedCalendar } from "./ics";
import { calendarFeedsRepo } from "./repository";

/** What a feed covers: a month back (recent history) and half a year ahead. */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 180;
/** A bound on one feed's size; a provider's half year is far below it. */
const FEED_MAX_EVENTS = 2000;
const FEED_PATH = "/api/v1/public/calendar-feeds/";
const DAY_MS = 86_400_000;

/** Only the provider (their own account's feed) or someone who manages providers. */
function mayManageFeed(permissions: readonly Permission[], userId: string | null, provider: Provider): boolean {
  if (permissions.includes("providers:manage")) return true;
  return permissions.includes("schedule:own") && userId !== null && provider.userId === userId;
}

function mayManage(ctx: MemberContext, provider: Provider): boolean {
  return mayManageFeed(ctx.permissions, ctx.actorUserId, provider);
}

function assertMayManage(ctx: MemberContext, provider: Provider): void {
  if (!mayManage(ctx, provider)) {
    throw new ForbiddenError("Only the provider themselves or an administrator can manage this calendar feed.", "forbidden:permission");
  }
}

export type CalendarFeedStatus = {
  providerId: string;
  /** Whether the caller may make, replace or turn off this provider's feed. */
  canManage: boolean;
  /** Whether the organization lets feeds name patients (Settings → Scheduling). */
  patientNames: boolean;
  feed: { createdAt: Date; lastFetchedAt: Date | null } | null;
};

/** Whether the provider has a working feed (never its address: that is shown once, when made). */
export async function calendarFeedStatus(ctx: MemberContext, providerId: string): Promise<CalendarFeedStatus> {
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id: providerId });
  const [settings, feed] = [
    await organizationRepo(ctx.tx, ctx.orgId).getSettings(),
    await calendarFeedsRepo(ctx.tx, ctx.orgId).live({ providerId }),
  ];
  return {
    providerId,
    canManage: mayManage(ctx, provider),
    patientNames: settings.calendarFeedPatientNames,
    feed: feed ? { createdAt: feed.createdAt, lastFetchedAt: feed.lastFetchedAt } : null,
  };
}

/**
 * A new subscription address for the provider; a feed they had stops working. The address holds
 * the only copy of its secret: it is returned now and never again.
 */
export async function createCalendarFeed(ctx: MemberContext, providerId: string) {
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id: providerId });
  assertMayManage(ctx, provider);
  const feeds = calendarFeedsRepo(ctx.tx, ctx.orgId);
  const replaced = await feeds.revoke({ providerId });
  const token = randomToken();
  const feed = await feeds.create({ providerId, tokenHash: hashToken(token), createdBy: ctx.actorUserId });
  const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
  await ctx.audit({
    action: "create",
    resourceType: "calendar_feed",
    resourceId: feed.id,
    metadata: { providerId, replacedFeedId: replaced?.id ?? null },
  });
  return {
    url: organizationSiteUrl(organization.slug, `${FEED_PATH}${token}.ics`),
    createdAt: feed.createdAt,
    replaced: Boolean(replaced),
  };
}

/** Turns the provider's feed off: its address answers 404 from now on. */
export async function revokeCalendarFeed(ctx: MemberContext, providerId: string): Promise<{ revokedAt: Date }> {
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id: providerId });
  assertMayManage(ctx, provider);
  const revoked = await calendarFeedsRepo(ctx.tx, ctx.orgId).revoke({ providerId });
  if (!revoked) throw new NotFoundError("calendar_feed", "This provider has no calendar feed to turn off.");
  await ctx.audit({ action: "delete", resourceType: "calendar_feed", resourceId: revoked.id, metadata: { providerId } });
  return { revokedAt: revoked.revokedAt! };
}

/**
 * A feed works only while its provider is active and whoever made it could still make it: the
 * provider's own account (still a member, still linked to the provider) or a member who manages
 * providers. Someone who left, lost the role or was unlinked takes no schedule with them. A feed
 * made with an API key (no person) lasts while the provider is active.
 */
async function feedStillAllowed(ctx: ServiceContext, feed: CalendarFeed, provider: Provider): Promise<boolean> {
  if (!provider.active) return false;
  if (!feed.createdBy) return true;
  const membership = await membershipsRepo(ctx.tx, ctx.orgId).findByUser({ userId: feed.createdBy });
  if (!membership || membership.status !== "active") return false;
  return mayManageFeed(permissionsFor(membership.role), feed.createdBy, provider);
}

/** The token in a feed address, without the `.ics` that calendar apps like to see. */
export function feedTokenOf(param: string): string {
  return param.endsWith(".ics") ? param.slice(0, -4) : param;
}

/**
 * The feed behind an address, as iCalendar text. Any other token — revoked, another hospital's,
 * made up, or one whose maker has since lost the right to it — is a 404 like a missing page. Each
 * fetch is audited as one read naming the visits it showed and their patients.
 */
export async function calendarFeedFile(ctx: ServiceContext, tokenParam: string, now = new Date()): Promise<string> {
  const token = feedTokenOf(tokenParam);
  const feeds = calendarFeedsRepo(ctx.tx, ctx.orgId);
  const feed = token.length >= 16 && token.length <= 128 ? await feeds.byTokenHash({ tokenHash: hashToken(token) }) : undefined;
  if (!feed) throw new NotFoundError("calendar_feed");
  const orgRepo = organizationRepo(ctx.tx, ctx.orgId);
  const [organization, settings, branding] = [await orgRepo.get(), await orgRepo.getSettings(), await orgRepo.getBranding()];
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id: feed.providerId });
  if (!(await feedStillAllowed(ctx, feed, provider))) throw new NotFoundError("calendar_feed");
  const names = settings.calendarFeedPatientNames;
  const from = new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS);
  const to = new Date(now.getTime() + FEED_DAYS_AHEAD * DAY_MS);

  const rows = await feeds.appointments({ providerId: feed.providerId, from, to, patientNames: names, limit: FEED_MAX_EVENTS });
  const timeOff = await providerAvailabilityRepo(ctx.tx, ctx.orgId).timeOff({ providerIds: [feed.providerId], from, to });

  await feeds.noteFetched({ id: feed.id, at: now });
  if (rows.length) {
    await ctx.audit({
      action: "view",
      resourceType: "appointment",
      resourceIds: rows.map((r) => r.id),
      // The visits' times are these patients' data, named or not.
      patientIds: [...new Set(rows.map((r) => r.patientId))],
      metadata: { via: "calendar_feed", feedId: feed.id, providerId: feed.providerId, patientNames: names },
    });
  }

  return feedCalendar({
    providerName: provider.name,
    organizationName: branding.displayName,
    organizationAddress: addressLine(organization.address),
    appointments: rows.map((r) => ({
      id: r.id,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      status: r.status,
      mode: r.mode,
      typeName: r.typeName,
      patientName: r.patientName,
      updatedAt: r.updatedAt,
      openUrl: organizationSiteUrl(
        organization.slug,
        `/schedule?date=${dateInZone(r.startsAt, organization.timeZone)}&appointment=${r.id}`,
      ),
    })),
    timeOff: timeOff.map((t) => ({ id: t.id, startsAt: t.startsAt, endsAt: t.endsAt })),
  });
}
