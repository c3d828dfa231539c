// Organizations' webhooks: endpoints managed over REST (secret shown once), changes turned into
// Standard Webhooks deliveries in the same transaction, signed and posted by the worker to a real
// receiver that verifies them with the standardwebhooks library, retried with backoff, given up,
// the endpoint turned off with its admins told; replays, rotation, SSRF refusals and attackers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { reloadConfig } from "@/lib/config/env";
import { withTenant } from "@/lib/db/tenant";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import { WEBHOOK_DISABLE_AFTER, WEBHOOK_MAX_ATTEMPTS } from "@/lib/webhooks/events";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { fingerprint } from "./support/request-context";
import { callerAddress, callRoute } from "./support/route-call";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const listRoute = await import("@/app/api/v1/settings/webhooks/route");
const oneRoute = await import("@/app/api/v1/settings/webhooks/[id]/route");
const rotateRoute = await import("@/app/api/v1/settings/webhooks/[id]/rotate-secret/route");
const deliveriesRoute = await import("@/app/api/v1/settings/webhooks/[id]/deliveries/route");
const replayRoute = await import("@/app/api/v1/settings/webhooks/[id]/deliveries/[deliveryId]/replay/route");
const patientRoute = await import("@/app/api/v1/patients/[id]/route");
const cancelRoute = await import("@/app/api/v1/appointments/[id]/cancel/route");
const actions = await import("@/app/org/[org]/(staff)/settings/webhooks/actions");

type Received = { headers: Record<string, string>; body: string };

/** A receiver on this machine: answers `status()` and keeps what it was sent. */
async function receiver() {
  const received: Received[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
      res.writeHead(status).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answer: (s: number) => (status = s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let ip = 0;
async function call(
  host: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  run: (req: Request) => Promise<Response>,
  body?: unknown,
) {
  ip += 1;
  const { status, text } = await callRoute({ host, method, path, from: callerAddress("10.52", ip), headers, body, run });
  return { status, body: text ? (JSON.parse(text) as Record<string, Any>) : null, text };
}

// The JSON answers and payloads, read loosely: each test asserts the fields it names.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const P = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

let h: Hospitals;
let keyA: string;
let keyB: string;
let staffKeyA: string;
let hook: Awaited<ReturnType<typeof receiver>>;

const create = (host: string, key: string, body: unknown) =>
  call(host, "POST", "/api/v1/settings/webhooks", bearer(key), (r) => listRoute.POST(r, P({})), body);

async function deliveriesOf(orgId: string, endpointId: string) {
  return asOwner(
    (s) => s<{ id: string; event_type: string; status: string; attempts: number; last_status: number | null; replay_of: string | null }[]>`
      select id, event_type, status::text, attempts, last_status, replay_of from webhook_deliveries
      where organization_id = ${orgId} and endpoint_id = ${endpointId} order by created_at, id`,
  );
}

beforeAll(async () => {
  h = await twoHospitals("webhooks");
  const key = (orgId: string, role: "admin" | "staff") =>
    withTenant(orgId, (tx) => createApiKey(tx, orgId, { name: `hooks-${role}`, role, createdBy: null })).then((k) => k.token);
  keyA = await key(h.a.orgId, "admin");
  keyB = await key(h.b.orgId, "admin");
  staffKeyA = await key(h.a.orgId, "staff");
  hook = await receiver();
  // A key records when it was last used (once a minute): use each now, so "nothing changed" below is about the request.
  for (const k of [keyA, keyB, staffKeyA]) {
    await call(h.a.host, "GET", "/api/v1/settings/webhooks", bearer(k), (r) => listRoute.GET(r, P({})));
    await call(h.b.host, "GET", "/api/v1/settings/webhooks", bearer(k), (r) => listRoute.GET(r, P({})));
  }
});

afterAll(async () => {
  await hook.close();
  delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  reloadConfig();
});

describe("where a webhook may point", () => {
  it("private, loopback, link-local, metadata, IPv6 loopback and mapped addresses, localhost, plain http, credentials, unresolvable names → 400, nothing saved", async () => {
    const before = await fingerprint(h.a.orgId);
    for (const url of [
      hook.url,
      "https://127.0.0.1/hooks",
      "https://10.1.2.3/hooks",
      "https://192.168.1.10/hooks",
      "https://172.20.0.5/hooks",
      "https://169.254.169.254/latest/meta-data",
      "https://100.64.0.1/hooks",
      "https://[::1]/hooks",
      "https://[::ffff:127.0.0.1]/hooks",
      "https://[fe80::1]/hooks",
      "https://[fd00::1]/hooks",
      "https://0.0.0.0/hooks",
      "https://localhost/hooks",
      "https://api.localhost/hooks",
      "http://hooks.example.com/agentcare",
      "https://user:pass@hooks.example.com/agentcare",
      "https://no-such-host.invalid/hooks",
    ]) {
      const answer = await create(h.a.host, keyA, { url, eventTypes: ["patient.updated"] });
      expect(answer.status, url).toBe(400);
      expect(answer.body!.error.code, url).toMatch(/^(invalid:webhook_url|validation)$/);
    }
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });
});

describe("with a receiver on this machine (allowed for the test run)", () => {
  let endpointId: string;
  let fullId: string;
  let secret: string;
  let fullSecret: string;

  beforeAll(() => {
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
    reloadConfig();
  });

  it("an endpoint is made with a secret shown once; the list never shows it", async () => {
    const made = await create(h.a.host, keyA, {
      url: hook.url,
      description: "EHR bridge",
      eventTypes: ["patient.updated", "appointment.cancelled", "patient.updated"],
    });
    expect(made.status).toBe(201);
    expect(made.body!.data).toMatchObject({
      url: hook.url,
      eventTypes: ["patient.updated", "appointment.cancelled"],
      payloadDetail: "ids",
      enabled: true,
    });
    secret = made.body!.data.secret;
    endpointId = made.body!.data.id;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const full = await create(h.a.host, keyA, { url: hook.url, eventTypes: ["patient.updated"], payloadDetail: "patient" });
    fullId = full.body!.data.id;
    fullSecret = full.body!.data.secret;
    const listed = await call(h.a.host, "GET", "/api/v1/settings/webhooks", bearer(keyA), (r) => listRoute.GET(r, P({})));
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(secret);
    expect(listed.text).not.toContain("secretEncrypted");
    expect(listed.body!.data.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([endpointId, fullId]));
  });

  it("a change is delivered signed: the receiver verifies it with the standardwebhooks library; each endpoint gets only the detail it chose", async () => {
    const patched = await call(
      h.a.host,
      "PATCH",
      `/api/v1/patients/${h.a.patientId}`,
      bearer(keyA),
      (r) => patientRoute.PATCH(r, P({ id: h.a.patientId })),
      { phone: "+1 555 0199" },
    );
    expect(patched.status).toBe(200);
    expect((await deliveriesOf(h.a.orgId, endpointId)).map((d) => [d.event_type, d.status])).toEqual([["patient.updated", "pending"]]);
    const result = await deliverWebhooks(h.a.orgId);
    expect(result).toMatchObject({ sent: 2, failed: 0 });
    expect(hook.received).toHaveLength(2);
    const byEndpoint = new Map<string, Record<string, Any>>();
    for (const r of hook.received) {
      // Each delivery verifies with exactly one endpoint's secret.
      const verified = [secret, fullSecret].map((s) => {
        try {
          return new Webhook(s).verify(r.body, r.headers) as Record<string, Any>;
        } catch {
          return null;
        }
      });
      expect(verified.filter(Boolean)).toHaveLength(1);
      byEndpoint.set(verified[0] ? "ids" : "patient", (verified[0] ?? verified[1])!);
      expect(r.headers["webhook-id"]).toMatch(/^msg_[0-9a-f-]{36}$/);
      expect(r.headers["content-type"]).toBe("application/json");
    }
    expect(byEndpoint.get("ids")).toEqual({
      type: "patient.updated",
      timestamp: expect.any(String),
      data: { organizationId: h.a.orgId, id: h.a.patientId },
    });
    expect(byEndpoint.get("patient")!.data).toMatchObject({
      id: h.a.patientId,
      patient: { id: h.a.patientId, firstName: "Pat", phone: "+1 555 0199" },
    });
    expect((await deliveriesOf(h.a.orgId, endpointId))[0]).toMatchObject({ status: "sent", attempts: 1, last_status: 200 });
  });

  it("a change that is refused delivers nothing, and a forged signature does not verify", async () => {
    const before = (await deliveriesOf(h.a.orgId, endpointId)).length;
    const refused = await call(
      h.a.host,
      "PATCH",
      `/api/v1/patients/${h.a.patientId}`,
      bearer(keyA),
      (r) => patientRoute.PATCH(r, P({ id: h.a.patientId })),
      { dateOfBirth: "not a date" },
    );
    expect(refused.status).toBe(400);
    expect(await deliveriesOf(h.a.orgId, endpointId)).toHaveLength(before);
    const last = hook.received.at(-1)!;
    expect(() => new Webhook(secret).verify(last.body.replace("patient", "patiens"), last.headers)).toThrow();
  });

  it("a receiver that fails: retried with backoff, given up after the last attempt; deliveries given up in a row turn the endpoint off and e-mail the admins", async () => {
    hook.answer(500);
    const admin = await h.memberOfA("admin");
    for (let i = 0; i < WEBHOOK_DISABLE_AFTER; i++) {
      const cancelled = await call(
        h.a.host,
        "POST",
        `/api/v1/appointments/${h.a.appointmentId}/cancel`,
        bearer(keyA),
        (r) => cancelRoute.POST(r, P({ id: h.a.appointmentId })),
        { reason: "test" },
      );
      if (i === 0) expect(cancelled.status).toBe(200);
      if (i > 0) {
        // The appointment is already cancelled: further failing deliveries come from patient changes.
        await call(
          h.a.host,
          "PATCH",
          `/api/v1/patients/${h.a.patientId}`,
          bearer(keyA),
          (r) => patientRoute.PATCH(r, P({ id: h.a.patientId })),
          { phone: `+1 555 01${10 + i}` },
        );
      }
    }
    const pending = (await deliveriesOf(h.a.orgId, endpointId)).filter((d) => d.status === "pending");
    expect(pending.length).toBeGreaterThanOrEqual(WEBHOOK_DISABLE_AFTER);
    const start = Date.now();
    const first = await deliverWebhooks(h.a.orgId, { now: new Date(start) });
    expect(first.failed).toBeGreaterThan(0);
    const afterOne = (await deliveriesOf(h.a.orgId, endpointId)).filter((d) => pending.some((p) => p.id === d.id));
    expect(afterOne.every((d) => d.status === "pending" && d.attempts === 1 && d.last_status === 500)).toBe(true);
    const [due] = await asOwner(
      (s) => s<{ next: Date }[]>`
        select min(next_attempt_at) as next from webhook_deliveries
        where organization_id = ${h.a.orgId} and endpoint_id = ${endpointId} and status = 'pending'`,
    );
    expect(new Date(due!.next).getTime() - start).toBeGreaterThanOrEqual(55_000);
    for (let attempt = 2; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      await deliverWebhooks(h.a.orgId, { now: new Date(start + attempt * 7 * 3_600_000) });
    }
    const given = (await deliveriesOf(h.a.orgId, endpointId)).filter((d) => pending.some((p) => p.id === d.id));
    expect(given.every((d) => d.status === "failed" && d.attempts === WEBHOOK_MAX_ATTEMPTS)).toBe(true);
    const endpoint = await call(h.a.host, "GET", `/api/v1/settings/webhooks/${endpointId}`, bearer(keyA), (r) =>
      oneRoute.GET(r, P({ id: endpointId })),
    );
    expect(endpoint.body!.data).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/deliveries in a row failed/) });
    const mails = await asOwner(
      (s) => s<{ to_email: string; subject: string }[]>`select to_email, subject from account_messages where kind = 'webhook_disabled'`,
    );
    expect(mails.map((m) => m.to_email)).toContain(admin.email.toLowerCase());
    // Turned off: new changes queue nothing for it.
    const count = (await deliveriesOf(h.a.orgId, endpointId)).length;
    await call(
      h.a.host,
      "PATCH",
      `/api/v1/patients/${h.a.patientId}`,
      bearer(keyA),
      (r) => patientRoute.PATCH(r, P({ id: h.a.patientId })),
      {
        phone: "+1 555 0177",
      },
    );
    expect(await deliveriesOf(h.a.orgId, endpointId)).toHaveLength(count);
    hook.answer(200);
  }, 60_000);

  it("turned back on, a failed delivery is replayed with the same webhook-id, and a rotated secret signs from then on", async () => {
    const on = await call(
      h.a.host,
      "PATCH",
      `/api/v1/settings/webhooks/${endpointId}`,
      bearer(keyA),
      (r) => oneRoute.PATCH(r, P({ id: endpointId })),
      { enabled: true },
    );
    expect(on.body!.data).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    const failed = (await deliveriesOf(h.a.orgId, endpointId)).find((d) => d.status === "failed")!;
    const rotated = await call(
      h.a.host,
      "POST",
      `/api/v1/settings/webhooks/${endpointId}/rotate-secret`,
      bearer(keyA),
      (r) => rotateRoute.POST(r, P({ id: endpointId })),
      {},
    );
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body!.data.secret as string;
    expect(newSecret).not.toBe(secret);
    const replay = await call(
      h.a.host,
      "POST",
      `/api/v1/settings/webhooks/${endpointId}/deliveries/${failed.id}/replay`,
      bearer(keyA),
      (r) => replayRoute.POST(r, P({ id: endpointId, deliveryId: failed.id })),
    );
    expect(replay.status).toBe(201);
    expect(replay.body!.data).toMatchObject({ replayOf: failed.id, messageId: `msg_${failed.id}`, status: "pending" });
    const seen = hook.received.length;
    await deliverWebhooks(h.a.orgId);
    const got = hook.received.slice(seen).find((r) => r.headers["webhook-id"] === `msg_${failed.id}`)!;
    expect(got).toBeDefined();
    expect(() => new Webhook(newSecret).verify(got.body, got.headers)).not.toThrow();
    expect(() => new Webhook(secret).verify(got.body, got.headers)).toThrow();
    const listed = await call(h.a.host, "GET", `/api/v1/settings/webhooks/${endpointId}/deliveries?limit=2`, bearer(keyA), (r) =>
      deliveriesRoute.GET(r, P({ id: endpointId })),
    );
    expect(listed.body!.data[0]).toMatchObject({ replayOf: failed.id, status: "sent", lastStatus: 200 });
    expect(listed.body!.nextCursor).toEqual(expect.any(String));
  });
});

describe("attackers", () => {
  it("signed out → 401; another hospital's key on this host → 403; a staff key → 403; nothing changed, no secret or payload shown", async () => {
    const [endpoint] = await asOwner(
      (s) => s<{ id: string }[]>`select id from webhook_endpoints where organization_id = ${h.a.orgId} limit 1`,
    );
    const id = endpoint!.id;
    const before = await fingerprint(h.a.orgId);
    const answers = [
      [await call(h.a.host, "GET", "/api/v1/settings/webhooks", {}, (r) => listRoute.GET(r, P({}))), 401],
      [await call(h.a.host, "GET", "/api/v1/settings/webhooks", bearer(keyB), (r) => listRoute.GET(r, P({}))), 403],
      [await call(h.a.host, "GET", "/api/v1/settings/webhooks", bearer(staffKeyA), (r) => listRoute.GET(r, P({}))), 403],
      [await create(h.a.host, keyB, { url: "https://hooks.example.com/x", eventTypes: ["patient.updated"] }), 403],
      [await call(h.a.host, "DELETE", `/api/v1/settings/webhooks/${id}`, bearer(keyB), (r) => oneRoute.DELETE(r, P({ id }))), 403],
      [
        await call(h.a.host, "POST", `/api/v1/settings/webhooks/${id}/rotate-secret`, bearer(staffKeyA), (r) =>
          rotateRoute.POST(r, P({ id })),
        ),
        403,
      ],
      [
        await call(h.a.host, "GET", `/api/v1/settings/webhooks/${id}/deliveries`, bearer(keyB), (r) => deliveriesRoute.GET(r, P({ id }))),
        403,
      ],
    ] as const;
    for (const [answer, status] of answers) {
      expect(answer.status).toBe(status);
      expect(answer.text).not.toContain("whsec_");
      expect(answer.text).not.toContain(h.a.patientId);
    }
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("hospital B's own key naming A's endpoint or delivery on B's host → 404, and B's worker sends nothing of A's", async () => {
    const [endpoint] = await asOwner(
      (s) => s<{ id: string }[]>`select id from webhook_endpoints where organization_id = ${h.a.orgId} limit 1`,
    );
    const [delivery] = await asOwner(
      (s) => s<{ id: string }[]>`select id from webhook_deliveries where organization_id = ${h.a.orgId} limit 1`,
    );
    const id = endpoint!.id;
    const before = await fingerprint(h.a.orgId);
    for (const answer of [
      await call(h.b.host, "GET", `/api/v1/settings/webhooks/${id}`, bearer(keyB), (r) => oneRoute.GET(r, P({ id }))),
      await call(h.b.host, "PATCH", `/api/v1/settings/webhooks/${id}`, bearer(keyB), (r) => oneRoute.PATCH(r, P({ id })), {
        enabled: false,
      }),
      await call(h.b.host, "DELETE", `/api/v1/settings/webhooks/${id}`, bearer(keyB), (r) => oneRoute.DELETE(r, P({ id }))),
      await call(h.b.host, "POST", `/api/v1/settings/webhooks/${id}/rotate-secret`, bearer(keyB), (r) => rotateRoute.POST(r, P({ id }))),
      await call(h.b.host, "GET", `/api/v1/settings/webhooks/${id}/deliveries`, bearer(keyB), (r) => deliveriesRoute.GET(r, P({ id }))),
      await call(h.b.host, "POST", `/api/v1/settings/webhooks/${id}/deliveries/${delivery!.id}/replay`, bearer(keyB), (r) =>
        replayRoute.POST(r, P({ id, deliveryId: delivery!.id })),
      ),
      await call(h.b.host, "GET", "/api/v1/settings/webhooks/not-an-id", bearer(keyB), (r) => oneRoute.GET(r, P({ id: "not-an-id" }))),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain(h.a.patientId);
    }
    const seen = hook.received.length;
    expect(await deliverWebhooks(h.b.orgId)).toMatchObject({ sent: 0, failed: 0 });
    expect(hook.received).toHaveLength(seen);
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });

  it("malformed input → 400 with field errors, nothing saved", async () => {
    const before = await fingerprint(h.a.orgId);
    for (const body of [
      {},
      { url: "https://hooks.example.com/x" },
      { url: "https://hooks.example.com/x", eventTypes: [] },
      { url: "https://hooks.example.com/x", eventTypes: ["patient.exploded"] },
      { url: "https://hooks.example.com/x", eventTypes: ["patient.updated"], payloadDetail: "everything" },
      { url: "not a url", eventTypes: ["patient.updated"] },
      { url: "ftp://hooks.example.com/x", eventTypes: ["patient.updated"] },
      { url: `https://hooks.example.com/${"x".repeat(2100)}`, eventTypes: ["patient.updated"] },
    ]) {
      const answer = await create(h.a.host, keyA, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });
});

describe("the settings page's actions: attackers and roles", () => {
  const hospitals = () => h;
  const PAGE = "/settings/webhooks";
  // Made before the attacks, so an attack's "nothing changed" is about the attack alone.
  const made: Record<"a" | "b", { endpointId: string; deliveryId: string }> = {
    a: { endpointId: "", deliveryId: "" },
    b: { endpointId: "", deliveryId: "" },
  };
  beforeAll(async () => {
    for (const side of ["a", "b"] as const) {
      const orgId = h[side].orgId;
      const [endpoint] = await asOwner(
        (s) => s<{ id: string }[]>`
          insert into webhook_endpoints (organization_id, url, event_types, secret_encrypted)
          values (${orgId}, 'https://hooks.example.com/attacks', '{patient.updated}', 'v1.x.x.x') returning id`,
      );
      const [delivery] = await asOwner(
        (s) => s<{ id: string }[]>`
          insert into webhook_deliveries (organization_id, endpoint_id, event_type, payload)
          values (${orgId}, ${endpoint!.id}, 'patient.updated', '{}'::jsonb) returning id`,
      );
      made[side] = { endpointId: endpoint!.id, deliveryId: delivery!.id };
    }
  });
  actionAttacks("webhookEndpointsAction", hospitals, {
    page: PAGE,
    valid: () => actions.webhookEndpointsAction({}),
    invalid: () => actions.webhookEndpointsAction({ everything: true } as never),
    allowed: "admin",
    refused: "clinician",
  });
  actionAttacks("createWebhookEndpointAction", hospitals, {
    page: PAGE,
    valid: () => actions.createWebhookEndpointAction({ url: hook.url, eventTypes: ["patient.updated"] }),
    invalid: () => actions.createWebhookEndpointAction({ url: "not a url", eventTypes: [] }),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("updateWebhookEndpointAction", hospitals, {
    page: PAGE,
    valid: () => actions.updateWebhookEndpointAction({ id: made.a.endpointId, patch: { description: "changed" } }),
    foreignIds: () => actions.updateWebhookEndpointAction({ id: made.b.endpointId, patch: { description: "stolen" } }),
    invalid: () => actions.updateWebhookEndpointAction({ id: made.a.endpointId, patch: { enabled: "yes" } as never }),
    allowed: "admin",
    refused: "clinician",
  });
  actionAttacks("rotateWebhookSecretAction", hospitals, {
    page: PAGE,
    valid: () => actions.rotateWebhookSecretAction({ id: made.a.endpointId }),
    foreignIds: () => actions.rotateWebhookSecretAction({ id: made.b.endpointId }),
    invalid: () => actions.rotateWebhookSecretAction({ id: "not-an-id" }),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("webhookDeliveriesAction", hospitals, {
    page: PAGE,
    valid: () => actions.webhookDeliveriesAction({ id: made.a.endpointId, limit: 10 }),
    foreignIds: () => actions.webhookDeliveriesAction({ id: made.b.endpointId, limit: 10 }),
    invalid: () => actions.webhookDeliveriesAction({ id: made.a.endpointId, limit: 0 }),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("replayWebhookDeliveryAction", hospitals, {
    page: PAGE,
    valid: () => actions.replayWebhookDeliveryAction({ id: made.a.endpointId, deliveryId: made.a.deliveryId }),
    foreignIds: () => actions.replayWebhookDeliveryAction({ id: made.b.endpointId, deliveryId: made.b.deliveryId }),
    invalid: () => actions.replayWebhookDeliveryAction({ id: "x", deliveryId: "y" }),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("deleteWebhookEndpointAction", hospitals, {
    page: PAGE,
    valid: () => actions.deleteWebhookEndpointAction({ id: made.a.endpointId }),
    foreignIds: () => actions.deleteWebhookEndpointAction({ id: made.b.endpointId }),
    invalid: () => actions.deleteWebhookEndpointAction({ id: "not-an-id" }),
    allowed: "admin",
    refused: "staff",
  });
});
