import { queryServerDatabases } from "./server-database";

export type OutboxMessage = { kind: string; to_email: string; subject: string; body_text: string; created_at: Date };

/** The e-mails queued for one address (unique per test) in the e2e server's database. */
export function outboxMessagesTo(email: string): Promise<OutboxMessage[]> {
  return queryServerDatabases(
    (sql) => sql<OutboxMessage[]>`
      select kind::text as kind, to_email, subject, body_text, created_at
      from notifications where to_email = ${email.toLowerCase()} order by created_at`,
  );
}

/** The claim link in a waiting-list offer's text. */
export function claimLinkIn(text: string): string | null {
  return text.match(/https?:\/\/[^\s]+\/waitlist\/claim\/[A-Za-z0-9_.-]+/)?.[0] ?? null;
}
