import "server-only";
import { and, eq, gt, inArray, lt, lte, ne, sql } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { bookingHolds, type BookingHold } from "@/lib/db/schema";
import { uuidList } from "@/lib/db/uuid-list";

export function holdsRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(bookingHolds.organizationId, orgId);
  return {
    /** Live holds of these providers that overlap [from, to) once buffers are counted. */
    async liveOverlapping({
      providerId,
      from,
      to,
      now,
      exceptTokenHash,
    }: {
      providerId: string;
      from: Date;
      to: Date;
      now: Date;
      exceptTokenHash?: string;
    }): Promise<BookingHold[]> {
      const where = [
        inOrg,
        eq(bookingHolds.providerId, providerId),
        gt(bookingHolds.expiresAt, now),
        // Raw expressions get no column mapper: bind the instants as ISO strings.
        sql`${bookingHolds.startsAt} - make_interval(mins => ${bookingHolds.bufferBeforeMinutes}) < ${to.toISOString()}::timestamptz`,
        sql`${bookingHolds.endsAt} + make_interval(mins => ${bookingHolds.bufferAfterMinutes}) > ${from.toISOString()}::timestamptz`,
      ];
      if (exceptTokenHash) where.push(ne(bookingHolds.tokenHash, exceptTokenHash));
      return tx
        .select()
        .from(bookingHolds)
        .where(and(...where));
    },

    async liveForProviders({ providerIds, from, to, now }: { providerIds: string[]; from: Date; to: Date; now: Date }) {
      if (!providerIds.length) return [];
      return tx
        .select()
        .from(bookingHolds)
        .where(
          and(
            inOrg,
            inArray(bookingHolds.providerId, providerIds),
            gt(bookingHolds.expiresAt, now),
            lt(bookingHolds.startsAt, to),
            gt(bookingHolds.endsAt, from),
          ),
        );
    },

    /** Live holds of these providers as blocked intervals with their buffers, epoch ms (slot search; prepared). */
    async liveBlocks({
      providerIds,
      from,
      to,
      now,
    }: {
      providerIds: string[];
      from: Date;
      to: Date;
      now: Date;
    }): Promise<{ providerId: string; start: number; end: number }[]> {
      if (!providerIds.length) return [];
      return tx
        .select({
          providerId: bookingHolds.providerId,
          start: sql<number>`floor(extract(epoch from ${bookingHolds.startsAt}) * 1000)::float8 - ${bookingHolds.bufferBeforeMinutes} * 60000`,
          end: sql<number>`floor(extract(epoch from ${bookingHolds.endsAt}) * 1000)::float8 + ${bookingHolds.bufferAfterMinutes} * 60000`,
        })
        .from(bookingHolds)
        .where(
          and(
            inOrg,
            sql`${bookingHolds.providerId} = any(${uuidList(providerIds)})`,
            gt(bookingHolds.expiresAt, now),
            lt(bookingHolds.startsAt, to),
            gt(bookingHolds.endsAt, from),
          ),
        )
        .prepare("booking_holds_live_blocks")
        .execute();
    },

    /** Live holds of these resources near [from, to), as blocked intervals with buffers (epoch ms), with their token hashes. */
    async liveResourceBlocks({
      resourceIds,
      from,
      to,
      now,
    }: {
      resourceIds: string[];
      from: Date;
      to: Date;
      now: Date;
    }): Promise<{ resourceId: string; start: number; end: number; tokenHash: string }[]> {
      if (!resourceIds.length) return [];
      const reach = 4 * 3_600_000;
      const rows = await tx
        .select({
          resourceId: sql<string>`${bookingHolds.resourceId}`,
          start: sql<number>`floor(extract(epoch from ${bookingHolds.startsAt}) * 1000)::float8 - ${bookingHolds.bufferBeforeMinutes} * 60000`,
          end: sql<number>`floor(extract(epoch from ${bookingHolds.endsAt}) * 1000)::float8 + ${bookingHolds.bufferAfterMinutes} * 60000`,
          tokenHash: bookingHolds.tokenHash,
        })
        .from(bookingHolds)
        .where(
          and(
            inOrg,
            sql`${bookingHolds.resourceId} = any(${uuidList(resourceIds)})`,
            gt(bookingHolds.expiresAt, now),
            lt(bookingHolds.startsAt, new Date(to.getTime() + reach)),
            gt(bookingHolds.endsAt, new Date(from.getTime() - reach)),
          ),
        );
      return rows.map((r) => ({ ...r, start: Number(r.start), end: Number(r.end) }));
    },

    async create(values: Omit<typeof bookingHolds.$inferInsert, "organizationId" | "id" | "createdAt">) {
      const [row] = await tx
        .insert(bookingHolds)
        .values({ ...values, organizationId: orgId })
        .returning();
      return row!;
    },

    async findByToken({ tokenHash, now }: { tokenHash: string; now: Date }) {
      const [row] = await tx
        .select()
        .from(bookingHolds)
        .where(and(inOrg, eq(bookingHolds.tokenHash, tokenHash), gt(bookingHolds.expiresAt, now)));
      return row;
    },

    async release({ tokenHash }: { tokenHash: string }) {
      await tx.delete(bookingHolds).where(and(inOrg, eq(bookingHolds.tokenHash, tokenHash)));
    },

    async sweepExpired({ now }: { now: Date }) {
      await tx.delete(bookingHolds).where(and(inOrg, lte(bookingHolds.expiresAt, now)));
    },
  };
}
