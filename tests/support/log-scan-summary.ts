import fs from "node:fs";
import path from "node:path";
import { LOG_DIR } from "./log-capture";

// The run's total of the per-file log scans (setup-env.ts fails a file on a finding): printed at
// the end, so a run shows how much it checked.
export default function logScanSummary() {
  fs.rmSync(LOG_DIR, { recursive: true, force: true });
  return () => {
    const files = fs.existsSync(LOG_DIR) ? fs.readdirSync(LOG_DIR).filter((f) => f.endsWith(".json")) : [];
    const scans = files.map((f) => JSON.parse(fs.readFileSync(path.join(LOG_DIR, f), "utf8")) as { lines: number; findings: number });
    const lines = scans.reduce((sum, s) => sum + s.lines, 0);
    const findings = scans.reduce((sum, s) => sum + s.findings, 0);
    console.log(
      `log scan: ${lines} log lines from ${scans.length} test files scanned, ${findings} findings (${path.relative(process.cwd(), LOG_DIR)}/)`,
    );
  };
}
