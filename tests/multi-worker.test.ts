import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { outboxRepo, outboxStats } from "@/lib/notifications/outbox-repository";
import { createOrganization } from "./support/fixtures";
import { asOwner } from "./support/owner";
import { startSmtpSink, type ReceivedMail } from "./support/smtp-sink";

// Three real worker processes (`npm run worker`) share one outbox and one SMTP server. Every
// message must arrive exactly once; when one worker is killed in the middle of a send, nothing is
// lost and the only message that may arrive twice is the one that worker was sending.

const LEASE_SECONDS = 8;
const PER_ORG = 100;
const ORGS = 3;

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

function startWorker(
  name: string,
  smtpPort: number,
  { once = true, env = {} }: { once?: boolean; env?: Record<string, string> } = {},
): ChildProcess & { done: Promise<number | null> } {
  const args = ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts", ...(once ? ["--once"] : [])];
  const child = spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: inject("appDatabaseUrl"),
      DATABASE_SESSION_ROLE: "none",
      DATABASE_POOL_MAX: "3",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}/?name=${name}`,
      OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
      AUDIT_SEAL_INTERVAL_SECONDS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const done = new Promise<number | null>((resolve) =>
    child.on("close", (code, signal) => {
      if (code !== 0 && signal !== "SIGKILL") console.error(`worker ${name} exited ${code}:\n${output}`);
      resolve(code);
    }),
  );
  return Object.assign(child, { done });
}

/** PER_ORG messages in each of ORGS new organizations, subjects tagged so this run's can be told apart. */
async function queueMessages(tag: string) {
  const orgIds: string[] = [];
  const subjects: string[] = [];
  for (let o = 0; o < ORGS; o++) {
    const org = await createOrganization(`mw-${o}`);
    orgIds.push(org.id);
    const mine = Array.from({ length: PER_ORG }, (_, i) => `${tag} ${o}-${i}`);
    await withTenant(org.id, async (tx) => {
      for (const subject of mine) {
        await outboxRepo(tx, org.id).enqueue({ kind: "invitation", toEmail: `m${o}@example.test`, subject, bodyText: "Hello" });
      }
    });
    subjects.push(...mine);
  }
  return { orgIds, subjects };
}

function countBySubject(received: ReceivedMail[], tag: string) {
  const counts = new Map<string, number>();
  for (const m of received) if (m.subject.startsWith(tag)) counts.set(m.subject, (counts.get(m.subject) ?? 0) + 1);
  return counts;
}

async function statusesOf(orgIds: string[]) {
  const rows = await asOwner(
    (sql) => sql<{ status: string; n: number }[]>`
      select status::text as status, count(*)::int as n from notifications where organization_id = any(${orgIds}::uuid[]) group by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

describe("several workers share the outbox", () => {
  let sink: Sink;
  let onMessage: (mail: ReceivedMail) => Promise<"accept" | "drop">;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    onMessage = async () => {
      await pause(10);
      return "accept";
    };
    sink = await startSmtpSink({ onMessage: (m) => onMessage(m) });
  });
  afterAll(async () => {
    await sink.close();
  });

  it("three workers send each of 300 messages exactly once", { timeout: 240_000 }, async () => {
    const tag = `mw-${crypto.randomBytes(3).toString("hex")}`;
    const { orgIds, subjects } = await queueMessages(tag);
    const before = await outboxStats();
    expect(before.pending).toBeGreaterThanOrEqual(subjects.length);
    expect(before.oldestPendingAgeSeconds).not.toBeNull();

    const workers = ["w1", "w2", "w3"].map((name) => startWorker(name, sink.port));
    expect(await Promise.all(workers.map((w) => w.done))).toEqual([0, 0, 0]);

    const counts = countBySubject(sink.received, tag);
    expect([...counts.keys()].sort()).toEqual([...subjects].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await statusesOf(orgIds)).toEqual({ sent: subjects.length });
    const byWorker = new Map<string, number>();
    for (const m of sink.received) if (m.subject.startsWith(tag)) byWorker.set(m.client, (byWorker.get(m.client) ?? 0) + 1);
    console.log(`messages per worker: ${JSON.stringify(Object.fromEntries(byWorker))}`);
  });

  it(
    "a worker killed in the middle of a send loses nothing; only its message in flight may arrive twice",
    { timeout: 240_000 },
    async () => {
      const tag = `mk-${crypto.randomBytes(3).toString("hex")}`;
      const { orgIds, subjects } = await queueMessages(tag);
      const workers = new Map(["w1", "w2", "w3"].map((name) => [name, startWorker(name, sink.port)]));

      // The 40th message of this run: its sender is killed after the SMTP server has it and before the
      // worker hears back, the one moment a crash can cause a second delivery.
      let seen = 0;
      let inFlight: ReceivedMail | null = null;
      onMessage = async (mail) => {
        await pause(10);
        if (!mail.subject.startsWith(tag) || inFlight) return "accept";
        seen += 1;
        if (seen < 40) return "accept";
        inFlight = mail;
        workers.get(mail.client)!.kill("SIGKILL");
        return "drop";
      };
      const codes = await Promise.all([...workers.values()].map((w) => w.done));
      expect(inFlight).not.toBeNull();
      const killed = inFlight!.client;
      expect(codes.filter((c) => c === 0)).toHaveLength(2);

      // The killed worker's claim is retaken once its lease has run out: by a surviving worker still at
      // work then, or else by one started after that.
      const [lease] = await asOwner(
        (sql) => sql<{ wait: number | null }[]>`
        select extract(epoch from max(lease_expires_at) - now())::float8 as wait from notifications
         where organization_id = any(${orgIds}::uuid[]) and status = 'sending'`,
      );
      await pause(Math.max(0, (lease!.wait ?? 0) * 1000) + 500);
      onMessage = async () => "accept";
      expect(await startWorker("w4", sink.port).done).toBe(0);

      const counts = countBySubject(sink.received, tag);
      expect([...counts.keys()].sort()).toEqual([...subjects].sort());
      const twice = [...counts.entries()].filter(([, n]) => n > 1).map(([s]) => s);
      expect(twice).toEqual([inFlight!.subject]);
      expect(Math.max(...counts.values())).toBe(2);
      expect(await statusesOf(orgIds)).toEqual({ sent: subjects.length });
      console.log(
        `killed ${killed}; ${sink.received.filter((m) => m.subject.startsWith(tag)).length} deliveries of ${subjects.length} messages`,
      );
    },
  );

  it("a claim whose lease ran out passes to the next worker, and the first one's late completion changes nothing", async () => {
    const org = await createOrganization("mw-lease");
    await withTenant(org.id, (tx) =>
      outboxRepo(tx, org.id).enqueue({ kind: "invitation", toEmail: "lease@example.test", subject: "lease", bodyText: "Hello" }),
    );
    const claim = () => withTenant(org.id, (tx) => outboxRepo(tx, org.id).claimDue({ now: new Date(), limit: 10, leaseSeconds: 60 }));
    const [first] = await claim();
    expect(first).toBeDefined();
    // Still leased: nobody else gets it.
    expect(await claim()).toEqual([]);
    await asOwner((sql) => sql`update notifications set lease_expires_at = now() - interval '1 second' where organization_id = ${org.id}`);
    const [second] = await claim();
    expect(second!.id).toBe(first!.id);
    expect(second!.claimToken).not.toBe(first!.claimToken);
    expect(second!.attempts).toBe(2);
    const markSent = (token: string) =>
      withTenant(org.id, (tx) => outboxRepo(tx, org.id).markSent({ id: first!.id, claimToken: token, now: new Date() }));
    expect(await markSent(first!.claimToken)).toBe(false);
    expect(await statusesOf([org.id])).toEqual({ sending: 1 });
    expect(await markSent(second!.claimToken)).toBe(true);
    expect(await statusesOf([org.id])).toEqual({ sent: 1 });

    // A batch claimed but not started in time is handed back whole, attempts restored.
    for (const n of [1, 2, 3]) {
      await withTenant(org.id, (tx) =>
        outboxRepo(tx, org.id).enqueue({ kind: "invitation", toEmail: `lease${n}@example.test`, subject: `lease ${n}`, bodyText: "Hello" }),
      );
    }
    const batch = await claim();
    expect(batch).toHaveLength(3);
    expect(new Set(batch.map((m) => m.claimToken)).size).toBe(1);
    await withTenant(org.id, (tx) => outboxRepo(tx, org.id).release({ ids: batch.map((m) => m.id), claimToken: batch[0]!.claimToken }));
    expect(await statusesOf([org.id])).toEqual({ sent: 1, pending: 3 });
    expect((await claim()).map((m) => m.attempts)).toEqual([1, 1, 1]);
  });

  it("a running worker reports its health and the outbox depth over HTTP, and stops on SIGTERM", { timeout: 120_000 }, async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const worker = startWorker("w-status", sink.port, { once: false, env: { WORKER_STATUS_PORT: String(port) } });
    type Status = {
      status: string;
      lastPassAt: string | null;
      outbox: { pending: number; oldestPendingAgeSeconds: number | null; failed: number };
    };
    let status: Status | null = null;
    for (let i = 0; i < 240 && !status?.lastPassAt; i++) {
      await pause(250);
      status = await fetch(`http://127.0.0.1:${port}/status`).then(
        (r) => r.json() as Promise<Status>,
        () => null,
      );
    }
    expect(status?.status).toBe("ok");
    expect(status!.outbox).toEqual({
      pending: expect.any(Number),
      oldestPendingAgeSeconds: expect.toBeOneOf([null, expect.any(Number)]),
      failed: expect.any(Number),
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/nothing`)).status).toBe(404);
    worker.kill("SIGTERM");
    expect(await worker.done).toBe(0);
  });
});
