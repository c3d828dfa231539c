import "server-only";
import { sql } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { listInvitations } from "@/lib/administration/invitations";
import { membershipsRepo } from "@/lib/memberships/repository";

/** Members with names and e-mails (via tenant_member_directory()), and open invitations. */
export async function memberDirectory(tx: TenantTx, orgId: string) {
  const members = await membershipsRepo(tx, orgId).list();
  const people = await tx.execute<{ user_id: string; name: string; email: string }>(
    sql`select user_id, name, email from public.tenant_member_directory()`,
  );
  const byId = new Map(people.map((p) => [p.user_id, p]));
  const now = Date.now();
  const invitations = (await listInvitations(tx, orgId)).filter((i) => !i.acceptedAt && !i.revokedAt && i.expiresAt.getTime() > now);
  return {
    members: members.map((m) => ({
      id: m.id,
      userId: m.userId,
      name: byId.get(m.userId)?.name ?? "",
      email: byId.get(m.userId)?.email ?? "",
      role: m.role,
      status: m.status,
      createdAt: m.createdAt,
    })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, createdAt: i.createdAt })),
  };
}

export type MemberDirectory = Awaited<ReturnType<typeof memberDirectory>>;
export type DirectoryMember = MemberDirectory["members"][number];
export type OpenInvitation = MemberDirectory["invitations"][number];
