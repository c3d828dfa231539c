import { spawn } from "node:child_process";
import { inject } from "vitest";

/** Runs one of scripts/*.ts as `npm run …` would, against the test database. */
export function runScript(script: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        DATABASE_URL: inject("appDatabaseUrl"),
        DATABASE_SESSION_ROLE: "none",
        DATABASE_POOL_MAX: inject("embedded") ? "1" : "4",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 50_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
