import "server-only";
import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

// Where a webhook may be sent: a public address over https. Private, loopback, link-local, shared,
// multicast and documentation ranges are refused (the cloud metadata address among them), checked
// when an endpoint is saved and again at every connection, on the address actually connected to,
// so a name that later resolves elsewhere (DNS rebinding) gets nowhere. Redirects are not
// followed. A test run with a local receiver turns the check off by configuration.

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** Whether an address is one a webhook may reach (IPv4-mapped IPv6 judged by its IPv4 address). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blocked.check(address, "ipv4");
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return !blocked.check(mapped[1]!, "ipv4");
  if (/^::ffff:/i.test(address)) return false;
  return !blocked.check(address, "ipv6");
}

export class WebhookTargetError extends Error {}

const bare = (host: string) => host.replace(/^\[|\]$/g, "");

/** What is wrong with a target URL on its face (scheme, credentials, an address literal), or null. */
export function targetProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, such as https://example.com/agentcare-webhooks.";
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) return "Webhooks are sent over https only.";
  if (url.username || url.password) return "Put no user name or password in the URL; each delivery is signed instead.";
  const host = bare(url.hostname);
  if (!host) return "The URL names no host.";
  if (!allowPrivate && isIP(host) && !isPublicAddress(host))
    return "That address is private, loopback or link-local: webhooks go to public addresses only.";
  if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal"))) {
    return "That host is not reachable from the internet: webhooks go to public addresses only.";
  }
  return null;
}

/** Resolves the host now; a name with any address that is not public is refused. */
export async function resolvedTargetProblem(raw: string, allowPrivate: boolean): Promise<string | null> {
  const problem = targetProblem(raw, allowPrivate);
  if (problem || allowPrivate) return problem;
  const host = bare(new URL(raw).hostname);
  if (isIP(host)) return null;
  const addresses = await new Promise<string[] | null>((resolve) =>
    dnsLookup(host, { all: true }, (err, list) => resolve(err ? null : list.map((a) => a.address))),
  );
  if (!addresses?.length) return "That host name does not resolve.";
  if (addresses.some((a) => !isPublicAddress(a)))
    return "That host resolves to a private, loopback or link-local address: webhooks go to public addresses only.";
  return null;
}

/** A lookup that answers only public addresses (every one the name has must be public). */
export const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, list) => {
    if (err) return callback(err, "", 4);
    const addresses = list as { address: string; family: number }[];
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused || !addresses.length) {
      return callback(new WebhookTargetError("the host resolves to an address webhooks may not reach"), "", 4);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

export type PostResult = { status: number; ms: number };

/**
 * POSTs a signed delivery: no redirects followed, a 10-second limit for the whole exchange, the
 * answer's body read and dropped (at most 64 KB). Throws on a refused target or no answer.
 */
export function postWebhook(
  raw: string,
  headers: Record<string, string>,
  body: string,
  { allowPrivate, timeoutMs = 10_000 }: { allowPrivate: boolean; timeoutMs?: number },
): Promise<PostResult> {
  const problem = targetProblem(raw, allowPrivate);
  if (problem) return Promise.reject(new WebhookTargetError(problem));
  const url = new URL(raw);
  const started = performance.now();
  const client = url.protocol === "https:" ? https : http;
  return new Promise<PostResult>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)), "user-agent": "AgentCare-Webhooks/1" },
        lookup: allowPrivate ? undefined : publicLookup,
        timeout: timeoutMs,
      },
      (response) => {
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > 64 * 1024) response.destroy();
        });
        const done = () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started });
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    request.on("close", () => clearTimeout(timer));
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on("error", (err) => reject(err));
    request.end(body);
  });
}
