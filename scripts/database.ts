import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded";
import { reloadConfig } from "@/lib/config/env";

export const EMBEDDED_DATA_DIR = path.join(process.cwd(), ".data", "pglite");

export type ScriptDatabase = {
  /** The migration (owner) URL. */
  adminUrl: string;
  embedded?: EmbeddedPostgres;
  /** After migrations: make the app's connections use the runtime role. */
  useRuntimeRole(): Promise<void>;
  close(): Promise<void>;
};

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL kept under .data/ (or in memory with
 * AGENTCARE_EMBEDDED=memory). Sets DATABASE_URL for the app's pool either way.
 */
export async function openScriptDatabase({ port = 0 }: { port?: number } = {}): Promise<ScriptDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    return { adminUrl: url, useRuntimeRole: async () => {}, close: async () => {} };
  }
  const inMemory = process.env.AGENTCARE_EMBEDDED === "memory";
  const embedded = await startEmbeddedPostgres({ dataDir: inMemory ? undefined : EMBEDDED_DATA_DIR, port });
  process.env.DATABASE_URL = embedded.url;
  // One shared session: the pool must hold exactly one connection, and startup options are ignored.
  process.env.DATABASE_POOL_MAX = "1";
  process.env.DATABASE_SESSION_ROLE = "none";
  reloadConfig();
  return {
    adminUrl: embedded.url,
    embedded,
    useRuntimeRole: () => embedded.setSessionRole("agentcare_runtime"),
    close: () => embedded.stop(),
  };
}
