import { servedDirectly } from "./request-scope";

/**
 * A JSON response that is cheap to make and to send.
 *
 * `Response.json` encodes the text to bytes and wraps them in a byte stream, and a server then reads
 * that stream back in chunks: for an API answer of a few kilobytes this costs several times what
 * serializing it does, and even a string body costs a conversion and a stream when the Response is
 * made. A response made here remembers its text, so the production server's direct API path writes
 * that text to the socket without any stream; while that path serves the request, the Response
 * is made without a body at all (the text is its body: see unreadJsonText). Anywhere else it is an
 * ordinary Response with the same body and headers `Response.json` gives.
 */
// One map per process: the direct API path is bundled apart from the route handlers whose answers
// it writes, and both must see the same texts.
const TEXTS = Symbol.for("agentcare.json-response-texts");
const holder = globalThis as typeof globalThis & { [TEXTS]?: WeakMap<Response, JsonBody> };
const texts = (holder[TEXTS] ??= new WeakMap<Response, JsonBody>());

/** A piece of a JSON text: characters, or the UTF-8 bytes of characters (as the database sent them). */
export type JsonPart = string | Uint8Array;
/** A whole JSON text: one string, or its pieces in order when some are bytes. */
type JsonBody = string | readonly JsonPart[];

const partText = (part: JsonPart) =>
  typeof part === "string" ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString("utf8");
const partBytes = (part: JsonPart) => (typeof part === "string" ? Buffer.from(part) : part);
const bodyText = (body: JsonBody) => (typeof body === "string" ? body : body.map(partText).join(""));
const bodyBytes = (body: JsonBody): Uint8Array<ArrayBuffer> =>
  typeof body === "string" ? Buffer.from(body) : Buffer.concat(body.map(partBytes));

/**
 * A value whose JSON text is already written (by the database, say): jsonResponse puts the text
 * into the answer as it is, instead of parsing and serializing it again. The text must be one
 * valid JSON value; it may be given in pieces, some of them the UTF-8 bytes the database sent, which
 * then reach the socket as they are (never decoded into a string and encoded again). Serialized
 * anywhere else (a log line, JSON.stringify), it is its parsed value.
 */
export class JsonText {
  readonly parts: readonly JsonPart[];

  constructor(text: string | readonly JsonPart[]) {
    this.parts = typeof text === "string" ? [text] : text;
  }

  get text(): string {
    return bodyText(this.parts);
  }

  toJSON(): unknown {
    if (collecting) {
      collecting.push(this);
      return `${SPLICE_MARK}${collecting.length - 1}`;
    }
    return JSON.parse(this.text);
  }
}

/** A JSON array whose elements' texts are already written. */
export function jsonArray(elements: readonly string[]): JsonText {
  return new JsonText(`[${elements.join(",")}]`);
}

// While jsonResponse serializes, each JsonText stands in as a string naming it: a random mark made
// when the process starts (never sent anywhere, so no value a client sends can carry it) and its
// index. The quoted strings are then replaced by the texts.
const SPLICE_MARK = `json-text-${crypto.randomUUID()}-`;
let collecting: JsonText[] | null = null;

function serialize(body: unknown): JsonBody | undefined {
  const outer = collecting;
  const found: JsonText[] = [];
  collecting = found;
  let text: string | undefined;
  try {
    text = JSON.stringify(body) as string | undefined;
  } finally {
    collecting = outer;
  }
  if (text === undefined || found.length === 0) return text;
  // The serialized answer with each mark replaced by its text's pieces; runs of characters joined.
  const parts: JsonPart[] = [];
  let chars = "";
  let bytes = false;
  let from = 0;
  for (let i = 0; i < found.length; i++) {
    const mark = `"${SPLICE_MARK}${i}"`;
    const at = text.indexOf(mark, from);
    if (at < 0) throw new Error("a JSON text's place was not found in the serialized answer");
    chars += text.slice(from, at);
    for (const part of found[i]!.parts) {
      if (typeof part === "string") {
        chars += part;
      } else {
        bytes = true;
        if (chars) parts.push(chars);
        chars = "";
        parts.push(part);
      }
    }
    from = at + mark.length;
  }
  chars += text.slice(from);
  if (!bytes) return chars;
  if (chars) parts.push(chars);
  return parts;
}

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const json = serialize(body);
  // As Response.json: a value with no JSON form (undefined, a function) is a fault, not an empty body.
  if (json === undefined) throw new TypeError("Value is not JSON serializable");
  const response = new Response(servedDirectly() ? null : typeof json === "string" ? json : bodyBytes(json), {
    status: init.status ?? 200,
    headers: { "content-type": "application/json", ...init.headers },
  });
  texts.set(response, json);
  return response;
}

/** The body of a response made by jsonResponse, while its stream is still unread; else undefined. */
export function unreadJsonText(response: Response): string | undefined {
  if (response.bodyUsed) return undefined;
  const json = texts.get(response);
  return json === undefined ? undefined : bodyText(json);
}

/** unreadJsonText as the UTF-8 bytes to send: the database's pieces as they came, the rest encoded. */
export function unreadJsonBytes(response: Response): Uint8Array | undefined {
  if (response.bodyUsed) return undefined;
  const json = texts.get(response);
  return json === undefined ? undefined : bodyBytes(json);
}

/** A response's body as JSON, without consuming it (a jsonResponse's own text, else a clone's). */
export async function peekJson(response: Response): Promise<unknown> {
  const text = unreadJsonText(response);
  return text !== undefined ? JSON.parse(text) : response.clone().json();
}
