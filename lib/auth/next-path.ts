// Pure and client-safe: where a sign-in may send the browser back to — the page on this site the
// person asked for before being sent to sign in.

const ORIGIN = "http://next.invalid";

/**
 * `next` when it is a path on this site under `basePath` ("" on an organization's own host,
 * "/org/{slug}" for path-based addresses), else null: never another host (`//evil`, `/\evil`, a
 * scheme), never another organization's path, never the sign-in page itself.
 */
export function safeNextPath(next: string | null | undefined, basePath: string): string | null {
  if (!next || next.length > 2000) return null;
  if (!next.startsWith("/") || next.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  const path = url.pathname;
  if (basePath && path !== basePath && !path.startsWith(`${basePath}/`)) return null;
  // On an organization's own host, /org/{slug} paths name some organization by path: never a page here.
  if (!basePath && (path === "/org" || path.startsWith("/org/"))) return null;
  const within = basePath ? path.slice(basePath.length) || "/" : path;
  if (within === "/sign-in" || within.startsWith("/sign-in/") || within.startsWith("/api/")) return null;
  return `${path}${url.search}`;
}

/** The sign-in address that comes back to `next` (omitted when it is the default destination). */
export function signInHref(signIn: string, next: string | null, defaultDestination: string): string {
  if (!next || next === defaultDestination) return signIn;
  return `${signIn}?next=${encodeURIComponent(next)}`;
}
