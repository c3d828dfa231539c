import postgres from "postgres";
import { canInspectDatabase } from "./security-events";

export type OutboxMessage = { kind: string; to_email: string; subject: string; body_text: string; created_at: Date };

/**
 * The e-mails queued for one address in the e2e server's scratch database (DATABASE_URL only: the
 * embedded database lives inside the server process). The database name is random
 * (agentcare_e2e_*), so every such database is searched; the address is unique per test.
 */
export async function outboxMessagesTo(email: string): Promise<OutboxMessage[]> {
  const base = process.env.DATABASE_URL;
  if (!base || !canInspectDatabase) throw new Error("DATABASE_URL is not set");
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  let names: string[];
  try {
    names = (await admin<{ datname: string }[]>`select datname from pg_database where datname like 'agentcare\_e2e\_%'`).map(
      (r) => r.datname,
    );
  } finally {
    await admin.end({ timeout: 5 });
  }
  const rows: OutboxMessage[] = [];
  for (const name of names) {
    const url = new URL(base);
    url.pathname = `/${name}`;
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
    try {
      rows.push(
        ...(await sql<OutboxMessage[]>`
          select kind::text as kind, to_email, subject, body_text, created_at
          from notifications where to_email = ${email.toLowerCase()} order by created_at`),
      );
    } catch {
      // A database being dropped by another run, or one without the table yet: not ours.
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
  return rows;
}

/** The claim link in a waiting-list offer's text. */
export function claimLinkIn(text: string): string | null {
  return text.match(/https?:\/\/[^\s]+\/waitlist\/claim\/[A-Za-z0-9_-]+/)?.[0] ?? null;
}
