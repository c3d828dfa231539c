// Security alerts, end to end through the real routes, the real database and a real HTTP receiver:
// a cross-tenant attempt, an unknown API key and unresolvable hosts notify the operators (and, for
// an attacked organization, its owners and admins) by e-mail through the account outbox and by a
// Standard Webhooks-signed POST, at most once per organization and kind per window.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { reloadConfig } from "@/lib/config/env";
import { ALERT_FLUSH_MS, deliverAlertWebhooks, flushAlertCounts, flushDueAlerts, requeueStaleAlertWebhooks } from "@/lib/security/alerts";
import { createOrganization } from "./support/fixtures";
import { asOwner } from "./support/owner";
import { arriveAs, person, type Person } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const patientsGET = (await import("@/app/api/v1/patients/route")).GET;
const noParams = { params: Promise.resolve({}) };

const SECRET = `whsec_${Buffer.from("an alert signing secret for the tests only").toString("base64")}`;
const DESK = "security-desk@ops.example";

type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
let receiver: http.Server;
const saved: Record<string, string | undefined> = {};

type Message = { to_email: string; subject: string; body_text: string };

async function alertMail(toEmail: string): Promise<Message[]> {
  return asOwner(
    (sql) =>
      sql<Message[]>`select to_email, subject, body_text from account_messages
                      where kind = 'security_alert' and to_email = ${toEmail} order by created_at, id`,
  );
}

async function alertMailAbout(kindWords: string): Promise<Message[]> {
  return (await alertMail(DESK)).filter((m) => m.subject.includes(kindWords));
}

let a: { id: string; slug: string };
let b: { id: string; slug: string };
let ownerOfA: Person;
let ownerOfB: Person;
/** How many unresolved-host events the first message about them counted. */
let told = 0;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", () => resolve()));
  const env = {
    SECURITY_ALERT_EMAILS: DESK,
    SECURITY_ALERT_WINDOW_MINUTES: "60",
    SECURITY_ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`,
    SECURITY_ALERT_WEBHOOK_SECRET: SECRET,
  };
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  reloadConfig();
  a = await createOrganization("alerted");
  b = await createOrganization("attacker-home");
  ownerOfA = await person([{ orgId: a.id, role: "owner" }], "owner-a");
  ownerOfB = await person([{ orgId: b.id, role: "owner" }], "owner-b");
  // Alerts from other test files' traffic are not this file's business: start from a clean slate.
  await asOwner((sql) => sql`delete from security_alert_digests`);
  await asOwner((sql) => sql`delete from security_alert_webhooks`);
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadConfig();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function attackA(): Promise<number> {
  arriveAs({ host: `${a.slug}.localhost`, path: "/api/v1/patients", session: ownerOfB.session });
  const response = await patientsGET(new Request(`http://${a.slug}.localhost/api/v1/patients`), noParams);
  await flushAlertCounts();
  return response.status;
}

describe("security alerts", () => {
  it("a cross-tenant attempt tells the operators and the attacked organization's owners, not the attacker's own", async () => {
    expect(await attackA()).toBe(403);
    const toDesk = await alertMailAbout("another organization's data");
    expect(toDesk).toHaveLength(1);
    expect(toDesk[0]!.subject).toContain("1 event");
    expect(toDesk[0]!.subject).toContain(`Test ${a.slug}`);
    const toOwner = (await alertMail(ownerOfA.email)).filter((m) => m.subject.includes("another organization's data"));
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0]!.body_text).toContain("review your members and API keys");
    expect(await alertMail(ownerOfB.email)).toHaveLength(0);
    // Nothing about the attacker or the request beyond kinds, counts and times.
    for (const m of [...toDesk, ...toOwner]) expect(`${m.subject}\n${m.body_text}`).not.toContain(ownerOfB.email);
  });

  it("more attempts in the same window are counted, not sent; once the window has passed they go out together", async () => {
    expect(await attackA()).toBe(403);
    expect(await attackA()).toBe(403);
    expect(await alertMailAbout("another organization's data")).toHaveLength(1);
    const [digest] = await asOwner(
      (sql) => sql<{ pending_events: number }[]>`select pending_events from security_alert_digests
                                                 where scope = ${`org:${a.id}`} and kind = 'cross_tenant_access'`,
    );
    expect(digest!.pending_events).toBe(2);

    // The worker's pass before the window ends sends nothing…
    await flushDueAlerts(new Date());
    expect(await alertMailAbout("another organization's data")).toHaveLength(1);
    // …and after it, one message with both.
    await flushDueAlerts(new Date(Date.now() + 61 * 60_000));
    const toDesk = await alertMailAbout("another organization's data");
    expect(toDesk).toHaveLength(2);
    expect(toDesk[1]!.subject).toContain("2 events");
    expect((await alertMail(ownerOfA.email)).filter((m) => m.subject.includes("another organization's data"))).toHaveLength(2);
  });

  it("an unknown API key and a flood of unknown hosts alert the operators once each", async () => {
    arriveAs({
      host: `${a.slug}.localhost`,
      path: "/api/v1/patients",
      session: null,
      headers: { authorization: "Bearer ac_notarealkey0000000000000000" },
    });
    const rejected = await patientsGET(
      new Request(`http://${a.slug}.localhost/api/v1/patients`, { headers: { authorization: "Bearer ac_notarealkey0000000000000000" } }),
      noParams,
    );
    expect(rejected.status).toBe(401);
    // The process's own timer starts counting it; a flush asked for meanwhile waits for that one.
    await new Promise((resolve) => setTimeout(resolve, ALERT_FLUSH_MS + 1));
    await flushAlertCounts();
    expect(await alertMailAbout("API keys presented")).toHaveLength(1);
    for (let i = 0; i < 40; i++) {
      arriveAs({ host: `no-such-hospital-${i}.localhost`, path: "/api/v1/patients", session: null });
      const missing = await patientsGET(new Request(`http://no-such-hospital-${i}.localhost/api/v1/patients`), noParams);
      expect(missing.status).toBe(404);
    }
    await flushAlertCounts();
    expect(await alertMailAbout("API keys presented")).toHaveLength(1);
    // One message, with the events gathered before it went out; the rest wait for the window's end.
    const unresolved = await alertMailAbout("could not be resolved");
    expect(unresolved).toHaveLength(1);
    told = Number(/(\d+) events?/.exec(unresolved[0]!.subject)![1]);
    expect(told).toBeGreaterThanOrEqual(1);
    const [digest] = await asOwner(
      (sql) => sql<{ pending_events: number }[]>`select pending_events from security_alert_digests
                                                 where scope = 'platform' and kind = 'tenant_resolution_failed'`,
    );
    expect(told + digest!.pending_events).toBe(40);
    // Neither concerns one organization: its admins hear nothing of them.
    expect((await alertMail(ownerOfA.email)).filter((m) => /API keys|could not be resolved/.test(m.subject))).toHaveLength(0);
  });

  it("the webhook gets each alert once, signed the Standard Webhooks way", async () => {
    const { sent, failed } = await deliverAlertWebhooks();
    expect(failed).toBe(0);
    expect(sent).toBe(4);
    expect(await deliverAlertWebhooks()).toEqual({ sent: 0, failed: 0 });
    const verifier = new Webhook(SECRET);
    const kinds = received.map((r) => {
      const payload = verifier.verify(r.body, r.headers as Record<string, string>) as {
        type: string;
        data: { events: number; organizationId: string | null };
      };
      return `${payload.type}:${payload.data.events}:${payload.data.organizationId ?? "platform"}`;
    });
    expect(kinds.sort()).toEqual(
      [
        `security.cross_tenant_access:1:${a.id}`,
        `security.cross_tenant_access:2:${a.id}`,
        "security.api_key_rejected:1:platform",
        `security.tenant_resolution_failed:${told}:platform`,
      ].sort(),
    );
    // A body changed on the way fails verification.
    const first = received[0]!;
    expect(() => verifier.verify(first.body.replace('"events":', '"events": 0, "x":'), first.headers as Record<string, string>)).toThrow();
  });

  it("a webhook that waited long before its claim is not taken for a dead worker's while it is posted, and a stale claim cannot complete a newer one", async () => {
    type Row = { id: string; status: string; attempts: number };
    const row = async (id: string) =>
      (await asOwner((sql) => sql<Row[]>`select id, status, attempts from security_alert_webhooks where id = ${id}`))[0]!;
    const [waited] = await asOwner(
      (sql) => sql<{ id: string }[]>`insert into security_alert_webhooks (payload, next_attempt_at)
                                     values (${sql.json({ type: "security.test" })}, now() - interval '20 minutes') returning id`,
    );
    let seenWhilePosting: Row | null = null;
    const ok = async () => {
      // Another worker's pass meanwhile: claims older than ten minutes are a dead worker's.
      await requeueStaleAlertWebhooks(new Date(Date.now() - 10 * 60_000));
      seenWhilePosting = await row(waited!.id);
      return new Response(null, { status: 204 });
    };
    expect(await deliverAlertWebhooks({ post: ok as typeof fetch })).toEqual({ sent: 1, failed: 0 });
    expect(seenWhilePosting).toMatchObject({ status: "sending", attempts: 1 });
    expect(await row(waited!.id)).toMatchObject({ status: "sent" });

    // A claim that really is stale: re-queued and claimed again (and failed) by another worker while
    // the first is still posting; the first's late success does not overwrite the newer attempt.
    const [slow] = await asOwner(
      (sql) =>
        sql<{ id: string }[]>`insert into security_alert_webhooks (payload) values (${sql.json({ type: "security.test" })}) returning id`,
    );
    const lateSuccess = async () => {
      await requeueStaleAlertWebhooks(new Date(Date.now() + 60_000));
      const refused = async () => new Response(null, { status: 500 });
      expect(await deliverAlertWebhooks({ post: refused as typeof fetch })).toEqual({ sent: 0, failed: 1 });
      return new Response(null, { status: 204 });
    };
    await deliverAlertWebhooks({ post: lateSuccess as typeof fetch });
    expect(await row(slow!.id)).toMatchObject({ status: "pending", attempts: 2 });
    await asOwner((sql) => sql`delete from security_alert_webhooks where id = ${slow!.id}`);
  });
});
