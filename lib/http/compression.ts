import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";

// What the production server's own responses (the direct API path, the page cache's copies) share
// about compression: when the client takes gzip, from which size it pays, and the Vary header.

/** Bodies smaller than this are sent as they are: gzip would not pay. */
export const COMPRESS_FROM_BYTES = 1024;

export const gzip = promisify(zlib.gzip);

/** Whether the client accepts a gzip-compressed body. */
export function acceptsGzip(req: IncomingMessage): boolean {
  const value = req.headers["accept-encoding"];
  return /\bgzip\b/i.test((Array.isArray(value) ? value[0] : value) ?? "");
}

/** Adds `Accept-Encoding` to the response's Vary header, unless it is named there already. */
export function varyOnEncoding(res: ServerResponse): void {
  const current = res.getHeader("vary");
  const existing = current === undefined ? "" : Array.isArray(current) ? current.join(", ") : String(current);
  if (/\baccept-encoding\b/i.test(existing)) return;
  res.setHeader("vary", existing ? `${existing}, Accept-Encoding` : "Accept-Encoding");
}
