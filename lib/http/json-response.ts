/**
 * A JSON response that is cheap to make and to send.
 *
 * `Response.json` encodes the text to bytes and wraps them in a byte stream, and a server then reads
 * that stream back in chunks: for an API answer of a few kilobytes this costs several times what
 * serializing it does. A response made here carries its body as a string (the runtime's cheaper
 * path), and remembers that string so the production server's direct API path can write it to the
 * socket without reading the stream at all. Anywhere else it is an ordinary Response with the same
 * body and headers `Response.json` gives.
 */
const texts = new WeakMap<Response, string>();

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const text = JSON.stringify(body) as string | undefined;
  // As Response.json: a value with no JSON form (undefined, a function) is a fault, not an empty body.
  if (text === undefined) throw new TypeError("Value is not JSON serializable");
  const response = new Response(text, {
    status: init.status ?? 200,
    headers: { "content-type": "application/json", ...init.headers },
  });
  texts.set(response, text);
  return response;
}

/** The body of a response made by jsonResponse, while its stream is still unread; else undefined. */
export function unreadJsonText(response: Response): string | undefined {
  if (response.bodyUsed) return undefined;
  return texts.get(response);
}
