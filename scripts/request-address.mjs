// Pure: used by scripts/server.mjs before a request reaches Next.

/**
 * Why a request's address cannot be trusted, or null. Node keeps only the first of several Host
 * headers in req.headers, so two (which a proxy and the app could read differently) are refused;
 * so is an absolute-form target (`GET http://other/ HTTP/1.1`) naming another authority than Host.
 */
export function addressProblem(rawHeaders, url, host) {
  let hosts = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === "host") hosts += 1;
  if (hosts > 1) return "more than one Host header";
  if (url && !url.startsWith("/") && url !== "*") {
    try {
      if (new URL(url).host.toLowerCase() !== (host ?? "").toLowerCase()) return "the request target names another host";
    } catch {
      return "the request target is not a path";
    }
  }
  return null;
}
