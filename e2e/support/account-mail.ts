import { queryServerDatabases } from "./server-database";

export type AccountMail = { kind: string; to_email: string; subject: string; body_text: string };

/** Account e-mails (address confirmations, password resets) queued for one address in the e2e server's database. */
export function accountMailTo(email: string): Promise<AccountMail[]> {
  return queryServerDatabases(
    (sql) => sql<AccountMail[]>`
      select kind, to_email, subject, body_text from account_messages
      where to_email = ${email.toLowerCase()} order by created_at, id`,
  );
}

/** The last link of this shape in the address's account e-mails (`/confirm/…`, `/reset-password/…`). */
export async function accountLink(email: string, path: "confirm" | "reset-password"): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const mails = await accountMailTo(email);
    const link = mails
      .map((m) => m.body_text.match(new RegExp(`https?://\\S+/${path}/[A-Za-z0-9_-]+`))?.[0])
      .filter(Boolean)
      .at(-1);
    if (link) return link;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no ${path} link was e-mailed`);
}
