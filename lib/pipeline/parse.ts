import "server-only";
import type { z } from "zod";
import { AppError, ValidationError } from "@/lib/errors/app-error";
import type { RouteRequest } from "@/lib/http/route-request";
import { parseOrThrow } from "@/lib/validation/parse";

export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** The raw body of a JSON request: content type and size are checked; the JSON is read later. */
export type RawBody = { text: string } | null;

/**
 * Whether a Content-Type names JSON as we read it: `application/json` or `application/*+json`,
 * in UTF-8 (JSON's only encoding on the wire; a body declared as UTF-16 or Latin-1 is refused
 * rather than misread).
 */
export function isJsonContentType(contentType: string | null): boolean {
  const [media = "", ...parameters] = (contentType ?? "").split(";");
  const type = media.trim().toLowerCase();
  if (!(type === "application/json" || (type.startsWith("application/") && type.endsWith("+json")))) return false;
  return parameters.every((parameter) => {
    const [name = "", value = ""] = parameter.split("=", 2);
    if (name.trim().toLowerCase() !== "charset") return true;
    return /^"?utf-?8"?$/i.test(value.trim());
  });
}

/**
 * Reads a request body up to `maxBytes` (413 beyond, without reading the rest) and insists on a
 * JSON content type (415). An empty body is no body.
 */
export async function readBody(request: Pick<RouteRequest, "headers" | "body">, maxBytes = DEFAULT_BODY_LIMIT): Promise<RawBody> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) throw new AppError("payload_too_large", tooLarge(maxBytes));
  if (!request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away (or sent a broken stream) while the body was arriving.
      throw new ValidationError("The request body could not be read; send it again.");
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("payload_too_large", tooLarge(maxBytes));
    }
    chunks.push(value);
  }
  if (size === 0) return null;
  if (!isJsonContentType(request.headers.get("content-type"))) throw new AppError("unsupported_media_type");
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(bytes) };
}

function tooLarge(maxBytes: number): string {
  return `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`;
}

/**
 * A form-encoded body (webhooks such as an SMS provider's) as name/value pairs in the order sent:
 * size limited like JSON bodies (413), `application/x-www-form-urlencoded` only (415).
 */
export async function readFormBody(request: Request, maxBytes = DEFAULT_BODY_LIMIT): Promise<[string, string][]> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new AppError("unsupported_media_type", "Send the request body as application/x-www-form-urlencoded.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) throw new AppError("payload_too_large", tooLarge(maxBytes));
  let text: string;
  try {
    const buffer = await request.arrayBuffer();
    if (buffer.byteLength > maxBytes) throw new AppError("payload_too_large", tooLarge(maxBytes));
    text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new ValidationError("The request body could not be read; send it again.");
  }
  return [...new URLSearchParams(text).entries()];
}

/** JSON of a raw body; no body reads as `{}` so an all-optional body may be left out. */
export function jsonOf(body: RawBody): unknown {
  if (!body) return {};
  try {
    return JSON.parse(body.text) as unknown;
  } catch {
    throw new ValidationError("The request body must be JSON.", undefined, "invalid:json");
  }
}

/** The query string as a plain object (the last value of a repeated key wins). */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

// The tenant comes from the request, never from the payload.
const IGNORED_FIELDS = new Set(["organizationId", "organization_id", "orgId"]);

/**
 * A server action's argument as a plain object: FormData fields (repeated names become arrays;
 * Next's own `$ACTION…` fields and files are dropped) or a plain object. Organization fields are
 * ignored either way.
 */
export function actionInputOf(input: unknown): unknown {
  if (typeof FormData !== "undefined" && input instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of input.entries()) {
      if (key.startsWith("$ACTION") || IGNORED_FIELDS.has(key) || typeof value !== "string") continue;
      const existing = out[key];
      out[key] = existing === undefined ? value : Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
    }
    return out;
  }
  if (input && typeof input === "object" && !Array.isArray(input)) {
    return Object.fromEntries(Object.entries(input).filter(([key]) => !IGNORED_FIELDS.has(key)));
  }
  return input ?? {};
}

/** zod, with every field error reported at once. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  return parseOrThrow(schema, value, what) as z.infer<S>;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * A route's input in two steps: the body is read now (content type, size), and validation — the
 * returned function — runs later, after authorization, so a caller without the permission never
 * learns the schema.
 */
export async function routeInput<Q extends z.ZodType | undefined, B extends z.ZodType | undefined>(
  request: RouteRequest,
  options: { query?: Q; body?: B; maxBodyBytes?: number },
): Promise<() => { query: Infer<Q>; body: Infer<B> }> {
  const raw: RawBody = options.body ? await readBody(request, options.maxBodyBytes) : null;
  return () => ({
    query: (options.query ? parseInput(options.query, queryOf(request.url), "query") : undefined) as Infer<Q>,
    body: (options.body ? parseInput(options.body, jsonOf(raw), "request body") : undefined) as Infer<B>,
  });
}
