import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { sendRaw } from "./support/fuzz";
import { E2E_PORT } from "./support/hosts";
import { waitFor } from "./support/wait";

// The database goes away and comes back. A server of its own (scripts/e2e-server.ts: fresh
// database, demo data, the production build) reaches PostgreSQL only through a TCP proxy this test
// holds: cutting it drops every connection and refuses new ones. While it is cut the API answers
// 503 with Retry-After and the catalogue's `unavailable` (logged with the request id), the health
// check says the database is down, and pages show a friendly error page; once it is restored the
// same server answers 200 again by itself, with no restart.

const PORT = E2E_PORT + 3;
const ROOT = `agentcare.test:${PORT}`;
const METRO = `metro-general.${ROOT}`;
const LOG = path.join(process.cwd(), "test-results", `server-${PORT}.log`);

/** A TCP proxy to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored. */
class CuttableProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

let proxy: CuttableProxy;
let server: ChildProcess | null = null;

const onPort = (host: string, p: string) =>
  sendRaw({ method: "GET", path: p, host, headers: { accept: "application/json" }, from: "127.0.0.1", port: PORT }, 30_000);

/** axe-core in the page: no critical or serious violations. */
async function expectAccessible(page: Page): Promise<void> {
  const axePath = path.join(process.cwd(), "node_modules", "axe-core", "axe.min.js");
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
    const result = await axe.run();
    return result.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => v.id);
  });
  expect(violations).toEqual([]);
}

test.describe.configure({ mode: "serial" });
test.setTimeout(600_000);

test.beforeAll(async () => {
  // A fresh database, the demo data and `next start`: minutes on a busy machine.
  test.setTimeout(600_000);
  test.skip(!process.env.DATABASE_URL, "needs a real PostgreSQL (DATABASE_URL): an embedded one lives inside the server process");
  const target = new URL(process.env.DATABASE_URL!);
  proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
  await proxy.open();
  const viaProxy = new URL(target);
  viaProxy.port = String(proxy.port);
  server = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/e2e-server.ts"], {
    env: {
      ...process.env,
      E2E_PORT: String(PORT),
      ROOT_DOMAIN: ROOT,
      MULTI_TENANCY: "true",
      DATABASE_URL: viaProxy.toString(),
      // Never rebuild under the main e2e server, which serves the same build.
      AGENTCARE_BUILD: "if-missing",
    },
    stdio: ["ignore", "ignore", "ignore"],
  });
  await waitFor(async () => (await onPort(ROOT, "/api/health")).status === 200, 480_000, "the outage server to start");
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  // Restored, so the server's own cleanup can drop its database.
  if (proxy) await proxy.open().catch(() => undefined);
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  }
  await proxy?.cut();
});

test("the database goes away: 503 with Retry-After, a friendly page; it comes back: 200 with no restart", async ({ browser }) => {
  const before = await onPort(METRO, "/api/v1/public/booking-options");
  expect(before.status, before.text).toBe(200);

  await proxy.cut();

  const api = await onPort(METRO, "/api/v1/public/booking-options");
  expect(api.status, api.text).toBe(503);
  expect(Number(api.headers["retry-after"])).toBeGreaterThan(0);
  const body = JSON.parse(api.text) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("unavailable");
  expect(body.error.message).toMatch(/temporarily unavailable/i);
  expect(body.error.message).not.toMatch(/ECONN|postgres|127\.0\.0\.1|stack/i);
  const requestId = String(api.headers["x-request-id"] ?? "");
  expect(requestId).not.toBe("");

  const health = await onPort(ROOT, "/api/health");
  expect(health.status).toBe(503);
  expect(JSON.parse(health.text)).toMatchObject({ database: "unreachable" });

  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`http://${METRO}/`);
    await expect(page.getByRole("heading", { name: "Something went wrong on our side" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(/ECONN|at async|node_modules|postgres/i);
    await expectAccessible(page);

    // The API's fault is in the server's log with the request id, and no more than that.
    await waitFor(async () => fs.readFileSync(LOG, "utf8").includes(requestId), 10_000, "the log line");
    const line = fs
      .readFileSync(LOG, "utf8")
      .split("\n")
      .find((l) => l.includes(requestId) && l.includes("database unreachable"));
    expect(line, "a 'database unreachable' line with the request id").toBeDefined();

    await proxy.open();
    await waitFor(async () => (await onPort(METRO, "/api/v1/public/booking-options")).status === 200, 60_000, "the API to recover");
    expect((await onPort(ROOT, "/api/health")).status).toBe(200);
    await page.goto(`http://${METRO}/`);
    await expect(page.getByRole("heading", { name: "Something went wrong on our side" })).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  } finally {
    await context.close();
  }
});
