import { sql } from "drizzle-orm";
import { bigint, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

// Platform table: a user's authenticator-app sign-in. The secrets are AES-256-GCM ciphertext (the
// key never reaches the database) and the recovery codes are SHA-256 digests, each removed on use.
export const userMfa = pgTable("user_mfa", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  secretCiphertext: text("secret_ciphertext"),
  // Generated but not yet confirmed with a code; replaced by every new enrolment attempt.
  pendingSecretCiphertext: text("pending_secret_ciphertext"),
  enabledAt: timestamp("enabled_at", { withTimezone: true }),
  // The newest 30-second step a code was accepted for: no code for it or an earlier step is accepted again.
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  recoveryCodeHashes: text("recovery_code_hashes")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type UserMfa = typeof userMfa.$inferSelect;
