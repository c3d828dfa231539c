import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = {
  url: string;
  port: number;
  /** Switches the one shared session to a role (after migrations): see ARCHITECTURE "Running it". */
  setSessionRole(role: string): Promise<void>;
  stop(): Promise<void>;
};

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// PGlite does not lock its data directory; two processes on one directory would corrupt it.
function takeLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  try {
    const holder = Number(fs.readFileSync(lockFile, "utf8"));
    if (holder && holder !== process.pid && processAlive(holder)) {
      throw new Error(`The embedded database in ${dataDir} is in use by process ${holder}. Stop it first.`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
}

/**
 * PGlite (PostgreSQL compiled to WASM) served over the wire protocol on 127.0.0.1. It is one
 * PostgreSQL session shared by every socket, so clients must use a pool of exactly one
 * connection (DATABASE_POOL_MAX=1) and keep all work inside transactions.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port = 0,
}: {
  /** A directory for persistent data, or undefined for an in-memory database. */
  dataDir?: string;
  port?: number;
}): Promise<EmbeddedPostgres> {
  const release = dataDir ? takeLock(dataDir) : () => {};
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { btree_gist } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 16 });
  await server.start();
  const actualPort = Number(server.getServerConn().split(":").pop());
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${actualPort}/postgres`,
    port: actualPort,
    async setSessionRole(role: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error("bad role name");
      await db.exec(`SET ROLE ${role}`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      release();
    },
  };
}
