import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { clusterFactsFile, type ClusterFacts } from "../scripts/e2e-logs";
import { credentialsPost, sessionCookieOf, signInApi } from "./support/admin-api";
import { DEMO_PASSWORD } from "./support/personas";
import { clientAddress, send, type Reply } from "./support/public-client";
import { E2E_PORT } from "./support/hosts";
import { waitFor } from "./support/wait";
import { addDays, type BookingOptions } from "./support/scheduling";

// Two production instances on one database and one Redis behind nginx (round-robin), started by
// scripts/e2e-cluster.ts. Each instance keeps caches in its own memory; what must hold everywhere
// at once goes through Redis: a branding change made through instance A shows on B within a
// second, an organization suspended through A is refused by B on the next request, a rate limit
// used up through A holds on B, and a session, a hand-off and a two-factor sign-in started on one
// instance finish on the other. Last, instance B is stopped in the middle of a stream of bookings
// through the balancer: every booking answered 201 exists, none is lost, no client sees a 5xx.

const PORT = E2E_PORT + 5;
const ROOT = `localhost:${PORT}`;
const METRO = `metro-general.${ROOT}`;
const SUNSET = `sunset-clinic.${ROOT}`;

let cluster: ChildProcess | null = null;
let facts: ClusterFacts;
const portOf = (name: "a" | "b") => facts.instances.find((i) => i.name === name)!.port;

/** One request to one instance (or the balancer), naming `host` in Host:. */
function at<T = unknown>(
  port: number,
  host: string,
  path: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string>; from?: string } = {},
): Promise<Reply<T>> {
  return send<T>({ host, path, port, timeoutMs: 60_000, ...options });
}

function codeFor(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

async function signInOnPage(page: Page, url: string, email: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials") && r.request().method() === "POST"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  test.skip(!process.env.DATABASE_URL, "needs a real PostgreSQL (DATABASE_URL) shared by both instances");
  fs.rmSync(clusterFactsFile(PORT), { force: true });
  cluster = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/e2e-cluster.ts"], {
    env: { ...process.env, CLUSTER_PORT: String(PORT), AGENTCARE_BUILD: "if-missing" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitFor(async () => fs.existsSync(clusterFactsFile(PORT)), 480_000, "the cluster to start");
  facts = JSON.parse(fs.readFileSync(clusterFactsFile(PORT), "utf8")) as ClusterFacts;
  for (const port of [portOf("a"), portOf("b"), PORT]) {
    await waitFor(async () => (await at(port, ROOT, "/api/health")).status === 200, 240_000, `port ${port} to answer`);
  }
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  if (cluster && cluster.exitCode === null) {
    const exited = new Promise((resolve) => cluster!.once("exit", resolve));
    cluster.kill("SIGTERM");
    await exited;
  }
});

test("the balancer spreads requests over both instances", async () => {
  const servedBy = new Set<string>();
  for (let i = 0; i < 4; i++) servedBy.add(String((await at(PORT, ROOT, "/api/health")).headers["x-served-by"]));
  expect([...servedBy].sort()).toEqual([`127.0.0.1:${portOf("a")}`, `127.0.0.1:${portOf("b")}`]);
});

test("a branding change through instance A shows on instance B within a second", async () => {
  const cookie = await signInApi(METRO, "admin@metrogeneral.com", DEMO_PASSWORD, portOf("a"));
  // B has the public face cached (two reads: the second is served from its memory).
  for (let i = 0; i < 2; i++) expect((await at(portOf("b"), METRO, "/", { headers: { accept: "text/html" } })).status).toBe(200);
  const name = `Metro General ${Date.now().toString(36)}`;
  const changed = await at(portOf("a"), METRO, "/api/v1/settings/branding", {
    method: "PATCH",
    body: { displayName: name },
    headers: { cookie },
  });
  expect(changed.status, changed.text).toBe(200);
  const started = Date.now();
  let seenAfter = -1;
  while (Date.now() - started < 5_000) {
    const home = await at(portOf("b"), METRO, "/", { headers: { accept: "text/html" } });
    if (home.text.includes(name)) {
      seenAfter = Date.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const delay = `${seenAfter} ms from A's answer to B showing the change`;
  test.info().annotations.push({ type: "invalidation delay", description: delay });
  console.log(`cluster: branding change, ${delay}`);
  expect(seenAfter, "B showed the new name").toBeGreaterThanOrEqual(0);
  expect(seenAfter).toBeLessThanOrEqual(1_000);
});

test("a rate limit used up through instance A holds on instance B", async () => {
  // Public bookings allow 10 requests a minute per organization and client address, whichever
  // instance counts them: 5 through A and 5 through B use it up; the 11th is refused on either.
  const from = clientAddress();
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) {
    const reply = await at(portOf(i % 2 === 0 ? "a" : "b"), METRO, "/api/v1/public/bookings", { method: "POST", body: {}, from });
    statuses.push(reply.status);
  }
  expect(statuses).toEqual(Array(10).fill(400));
  for (const name of ["a", "b"] as const) {
    const refused = await at(portOf(name), METRO, "/api/v1/public/bookings", { method: "POST", body: {}, from });
    expect(refused.status, `instance ${name}`).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  }
  // Another address still has its own allowance.
  expect((await at(portOf("b"), METRO, "/api/v1/public/bookings", { method: "POST", body: {}, from: clientAddress() })).status).toBe(400);
});

test("a session started on A works on B, and signing out everywhere on B ends it on A at once", async () => {
  const cookie = await signInApi(METRO, "admin@metrogeneral.com", DEMO_PASSWORD, portOf("a"));
  for (const name of ["a", "b", "a"] as const) {
    const reply = await at(portOf(name), METRO, "/api/v1/organization", { headers: { cookie } });
    expect(reply.status, `instance ${name}: ${reply.text}`).toBe(200);
  }
  const ended = await at(portOf("b"), METRO, "/api/auth/sign-out-everywhere", { method: "POST", body: {}, headers: { cookie } });
  expect(ended.status, ended.text).toBe(200);
  // A read this session a moment ago (its check is cached there): refused on the very next request.
  const refused = await at(portOf("a"), METRO, "/api/v1/organization", { headers: { cookie } });
  expect(refused.status).toBe(401);
});

test("a hand-off made on A is redeemed on B, once", async () => {
  // Under a root domain that shares no cookie with its subdomains (localhost), switching from the
  // platform to an organization is a single-use hand-off link.
  const cookie = await signInApi(ROOT, "ops@agentcare.dev", DEMO_PASSWORD, portOf("a"));
  const onSunset = await signInApi(SUNSET, "ops@agentcare.dev", DEMO_PASSWORD, portOf("b"));
  const sunset = await at<{ data: { id: string } }>(portOf("b"), SUNSET, "/api/v1/organization", { headers: { cookie: onSunset } });
  expect(sunset.status, sunset.text).toBe(200);
  const sunsetId = sunset.body.data.id;
  expect(sunsetId, "Sunset's id").toBeTruthy();
  const switched = await at<{ data?: { mode: string; url: string }; mode?: string; url?: string }>(portOf("a"), ROOT, "/api/auth/switch", {
    method: "POST",
    body: { organizationId: sunsetId },
    headers: { cookie, origin: `http://${ROOT}` },
  });
  expect(switched.status, switched.text).toBe(200);
  const answer = switched.body.data ?? switched.body;
  expect(answer.mode).toBe("handoff");
  const link = new URL(answer.url!);
  expect(link.host).toBe(SUNSET);
  const redeemed = await at(portOf("b"), SUNSET, `${link.pathname}${link.search}`);
  expect(redeemed.status).toBe(303);
  expect(redeemed.headers.location).toBe("/dashboard");
  const session = sessionCookieOf(redeemed.headers);
  expect(session).not.toBeNull();
  expect((await at(portOf("a"), SUNSET, "/api/v1/organization", { headers: { cookie: session! } })).status).toBe(200);
  // Single use on every instance.
  const again = await at(portOf("a"), SUNSET, `${link.pathname}${link.search}`);
  expect(again.status).toBe(303);
  expect(again.headers.location).toContain("error=handoff");
});

test("two-factor sign-in: the password step on A, the code step on B", async ({ page }) => {
  test.setTimeout(120_000);
  const email = "dr.chen@metrogeneral.com";
  const onA = `http://metro-general.localhost:${portOf("a")}`;
  await signInOnPage(page, `${onA}/sign-in`, email);
  await page.waitForURL(`${onA}/dashboard`);
  await page.goto(`${onA}/account/two-factor`);
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = ((await page.getByTestId("mfa-secret").textContent()) ?? "").trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code from the app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);

  // The password alone, on A: no session, the code is asked for.
  const first = await credentialsPost({ host: METRO, email, password: DEMO_PASSWORD, port: portOf("a") });
  expect(sessionCookieOf(first.headers)).toBeNull();
  expect(first.text).toContain("mfa_code_required");
  // The code step, on B (its CSRF token from A): signed in.
  const second = await credentialsPost({
    host: METRO,
    email,
    password: DEMO_PASSWORD,
    code: codeFor(secret, 1),
    port: portOf("b"),
    csrfPort: portOf("a"),
  });
  const cookie = sessionCookieOf(second.headers);
  expect(cookie, second.text.slice(0, 300)).not.toBeNull();
  expect((await at(portOf("a"), METRO, "/api/v1/organization", { headers: { cookie: cookie! } })).status).toBe(200);
});

test("an organization suspended through A is refused by B on the next request, and served again once reactivated", async ({ page }) => {
  test.setTimeout(120_000);
  const onA = `http://localhost:${portOf("a")}`;
  // B has Sunset's tenant lookup cached.
  for (let i = 0; i < 2; i++) expect((await at(portOf("b"), SUNSET, "/api/v1/public/booking-options")).status).toBe(200);

  await signInOnPage(page, `${onA}/sign-in`, "ops@agentcare.dev");
  await page.goto(`${onA}/admin`);
  const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "sunset-clinic", exact: true }) });
  await row.getByRole("button", { name: "Suspend" }).click();
  await row.getByRole("button", { name: "Yes, suspend" }).click();
  await expect(row.getByText("Suspended", { exact: true })).toBeVisible();

  const refused = await at(portOf("b"), SUNSET, "/api/v1/public/booking-options");
  expect(refused.status, refused.text).toBe(403);
  expect(refused.text).toContain("not available");

  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(row.getByText("Suspended", { exact: true })).toHaveCount(0);
  expect((await at(portOf("b"), SUNSET, "/api/v1/public/booking-options")).status).toBe(200);
});

test("stopping instance B in the middle of a stream of bookings loses none, and no client sees a 5xx beyond the requests in flight", async () => {
  test.setTimeout(300_000);
  const cookie = await signInApi(SUNSET, "admin@sunsetclinic.com", DEMO_PASSWORD, PORT);
  const staff = (path: string, method = "GET", body?: unknown) => at(PORT, SUNSET, path, { method, body, headers: { cookie } });
  const options = await staff("/api/v1/public/booking-options");
  expect(options.status).toBe(200);
  const { types, providers } = (options.body as { data: BookingOptions }).data;
  const patients = ((await staff("/api/v1/patients?limit=100")).body as { data: { id: string }[] }).data;
  expect(patients.length).toBeGreaterThan(5);

  // Free slots of one provider for the coming weeks, from the public availability.
  const provider = providers.find((p) => p.appointmentTypeIds.length > 0)!;
  const type = types.find((t) => provider.appointmentTypeIds.includes(t.id))!;
  const slots: { startsAt: string; endsAt: string }[] = [];
  const today = new Date().toISOString().slice(0, 10);
  for (const [from, to] of [
    [addDays(today, 7), addDays(today, 20)],
    [addDays(today, 21), addDays(today, 34)],
    [addDays(today, 35), addDays(today, 48)],
  ] as const) {
    const q = new URLSearchParams({ type: type.id, provider: provider.id, from, to });
    const reply = await at<{ data: { startsAt: string; endsAt: string }[] }>(PORT, SUNSET, `/api/v1/public/availability?${q}`, {
      from: clientAddress(),
    });
    expect(reply.status, reply.text).toBe(200);
    // Slots overlap one another when the grid is finer than the visit, and a visit may need a buffer
    // after it: keep each slot that starts an hour after the last kept one ends.
    for (const slot of reply.body.data.sort((x, y) => x.startsAt.localeCompare(y.startsAt))) {
      const last = slots.at(-1);
      if (!last || new Date(slot.startsAt).getTime() >= new Date(last.endsAt).getTime() + 3_600_000) slots.push(slot);
    }
    if (slots.length >= 40) break;
  }
  const wanted = slots.slice(0, 40).map((slot) => slot.startsAt);
  expect(wanted.length).toBeGreaterThanOrEqual(20);

  const replies: Reply<{ data: { id: string } }>[] = [];
  const pidB = facts.instances.find((i) => i.name === "b")!.pid;
  let stopped = false;
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const i = next++;
      if (i === 12 && !stopped) {
        stopped = true;
        process.kill(pidB, "SIGTERM");
      }
      replies.push(
        (await staff("/api/v1/appointments", "POST", {
          patientId: patients[i % patients.length]!.id,
          providerId: provider.id,
          appointmentTypeId: type.id,
          startsAt: wanted[i],
          reason: `cluster ${i}`,
        })) as Reply<{ data: { id: string } }>,
      );
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const tally: Record<number, number> = {};
  const servedBy: Record<string, number> = {};
  let retried = 0;
  for (const r of replies) {
    tally[r.status] = (tally[r.status] ?? 0) + 1;
    // "B, A" when the balancer found B closed and passed the request on: the last one answered.
    const tried = String(r.headers["x-served-by"]).split(", ");
    if (tried.length > 1) retried++;
    servedBy[tried.at(-1)!] = (servedBy[tried.at(-1)!] ?? 0) + 1;
  }
  const outcome = `statuses ${JSON.stringify(tally)}; answered by ${JSON.stringify(servedBy)}; ${retried} passed on to A by the balancer`;
  test.info().annotations.push({ type: "bookings while B stopped", description: outcome });
  console.log(`cluster: bookings while B stopped, ${outcome}`);
  // Both instances took bookings: B until it stopped, A for the rest.
  expect(Object.keys(servedBy).sort()).toEqual([`127.0.0.1:${portOf("a")}`, `127.0.0.1:${portOf("b")}`]);
  // Every request answered 201, except possibly one that was already on its way to B when B stopped
  // listening (a connection still in its accept queue is reset; the balancer does not resend a POST
  // it has passed on): at most the requests in flight then, each a 502 naming B, none from A.
  const failed = replies.filter((r) => r.status !== 201);
  expect(failed.length, failed[0]?.text).toBeLessThanOrEqual(4);
  for (const r of failed) {
    expect(r.status).toBe(502);
    expect(String(r.headers["x-served-by"]).split(", ").at(-1)).toBe(`127.0.0.1:${portOf("b")}`);
  }

  // B is gone; every booking answered 201 is there, through the instance that is left.
  await waitFor(
    async () => {
      try {
        process.kill(pidB, 0);
        return false;
      } catch {
        return true;
      }
    },
    30_000,
    "instance B to exit",
  );
  for (const reply of replies.filter((r) => r.status === 201)) {
    const found = await staff(`/api/v1/appointments/${reply.body.data.id}`);
    expect(found.status).toBe(200);
  }
});
