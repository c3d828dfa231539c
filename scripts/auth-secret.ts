import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { reloadConfig } from "@/lib/config/env";

/** NEXTAUTH_SECRET for local runs: the environment's, else one kept in .data/ so sessions survive restarts. */
export function ensureAuthSecret({ persist }: { persist: boolean }): void {
  if (process.env.NEXTAUTH_SECRET) return;
  if (!persist) {
    process.env.NEXTAUTH_SECRET = crypto.randomBytes(32).toString("base64url");
    reloadConfig();
    return;
  }
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  reloadConfig();
}
