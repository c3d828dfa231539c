// The security headers every response carries. Edge-safe and pure: the middleware sets them on
// everything it routes, and the few routes it does not route set them themselves.

/** A response's CSP nonce: unguessable, new for every page sent (Edge-safe, not pure). */
export function newNonce(): string {
  return btoa(crypto.randomUUID());
}

/**
 * The page's Content-Security-Policy. Scripts run only with this response's nonce (Next puts it
 * on its own scripts when it finds it in the request's CSP header; 'strict-dynamic' lets those
 * load their chunks). Styles keep 'unsafe-inline': the hospital's branding colours are set as
 * CSS variables in style attributes. Logos may be any https image. Pure.
 */
export function contentSecurityPolicy(nonce: string, { https, development }: { https: boolean; development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

const PERMISSIONS_POLICY = [
  "camera",
  "microphone",
  "geolocation",
  "payment",
  "usb",
  "serial",
  "bluetooth",
  "hid",
  "midi",
  "magnetometer",
  "gyroscope",
  "accelerometer",
  "display-capture",
  "browsing-topics",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** The headers every response carries. HSTS only for a request that arrived over https. Pure. */
export function securityHeaders(csp: string, https: boolean): Record<string, string> {
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "x-frame-options": "DENY",
    ...(https ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** The policy for a response that is never a page (JSON, plain text): nothing may load. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";
