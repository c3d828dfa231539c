import "server-only";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { isPublicAddress, publicLookup } from "@/lib/webhooks/target";

// The only way AgentCare talks to an organization's identity provider: https to public addresses
// (checked on the address actually connected to, so a name that later resolves inward gets
// nowhere), no redirects, 5 seconds, at most 1 MB back. With private issuers allowed (a provider
// started by the tests), plain http to any address.

const LIMIT = 1024 * 1024;
const TIMEOUT_MS = 5_000;

const bare = (host: string) => host.replace(/^\[|\]$/g, "");

/** What is wrong with an issuer URL on its face, or null. */
export function issuerProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter the issuer's full URL, such as https://login.example.com.";
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) return "The issuer must be an https URL.";
  if (url.username || url.password) return "Put no user name or password in the issuer URL.";
  if (url.search || url.hash) return "The issuer URL has no query or fragment.";
  const host = bare(url.hostname);
  if (!allowPrivate && isIP(host) && !isPublicAddress(host))
    return "That address is private or loopback: the issuer must be reachable from the internet.";
  if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal"))) {
    return "That host is not reachable from the internet.";
  }
  return null;
}

export class IdentityProviderUnreachable extends Error {
  override name = "IdentityProviderUnreachable";
}

/** A fetch for openid-client: the rules above, answered as a standard Response. */
export function providerFetch(allowPrivate: boolean) {
  return (
    input: string,
    init: {
      method?: string;
      headers?: HeadersInit;
      body?: string | URLSearchParams | Uint8Array | ArrayBuffer | ReadableStream | null;
      signal?: AbortSignal | null;
    } = {},
  ): Promise<Response> => {
    const url = new URL(input);
    const problem = issuerProblem(url.origin, allowPrivate);
    if (problem) return Promise.reject(new IdentityProviderUnreachable(problem));
    const client = url.protocol === "https:" ? https : http;
    const headers = Object.fromEntries(new Headers(init.headers ?? {}).entries());
    const raw = init.body;
    if (raw instanceof ReadableStream) return Promise.reject(new IdentityProviderUnreachable("streamed request bodies are not sent"));
    const body =
      raw === undefined || raw === null
        ? undefined
        : typeof raw === "string"
          ? raw
          : raw instanceof URLSearchParams
            ? raw.toString()
            : Buffer.from(raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw);
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: init.method ?? "GET",
          headers: { ...headers, "user-agent": "AgentCare-SSO/1" },
          lookup: allowPrivate ? undefined : publicLookup,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let read = 0;
          response.on("data", (chunk: Buffer) => {
            read += chunk.length;
            if (read > LIMIT) response.destroy(new IdentityProviderUnreachable("the identity provider's answer is too large"));
            else chunks.push(chunk);
          });
          response.on("error", reject);
          response.on("end", () => {
            const out = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(", ") : value);
            }
            const status = response.statusCode ?? 502;
            resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: out }));
          });
        },
      );
      const timer = setTimeout(
        () => request.destroy(new IdentityProviderUnreachable("the identity provider did not answer in time")),
        TIMEOUT_MS,
      );
      request.on("close", () => clearTimeout(timer));
      request.on("error", reject);
      init.signal?.addEventListener("abort", () => request.destroy(new IdentityProviderUnreachable("aborted")));
      request.end(body);
    });
  };
}
