// A request path as a log line may hold it. Links in e-mails carry their credential in the path
// (`/appointments/manage/{token}`, `/waitlist/claim/{token}`, `/access-report/{token}`, …) and a query
// string can carry anything a form sent (a search for a patient's name, a hand-off token): the
// query is dropped, a token segment becomes `[token]`, and a segment with an @ becomes `[redacted]`.
// Pure; Edge-safe.

const TOKEN_AFTER = new Set([
  "manage",
  "claim",
  "invitations",
  "handoff",
  "reset",
  "verify",
  "calendar-feeds",
  "confirm-email",
  "access-report",
  "access-reports",
]);
/** Words that follow a token segment in our routes and are not tokens themselves. */
const ROUTE_WORDS = new Set(["accept", "cancel", "reschedule"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Random tokens are long base64url; slugs (lower case, digits, hyphens) are not mistaken for one. */
const LONG_OPAQUE = /^(?=.*[A-Z_])[A-Za-z0-9._~%-]{24,}$/;

export function loggablePath(path: string | null | undefined): string | null {
  if (!path) return null;
  const bare = path.split(/[?#]/, 1)[0]!.slice(0, 512);
  const segments = bare.split("/");
  return segments
    .map((segment, i) => {
      if (!segment) return segment;
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // a malformed escape is still just a segment
      }
      if (decoded.includes("@")) return "[redacted]";
      if (UUID.test(decoded)) return segment;
      if (TOKEN_AFTER.has(segments[i - 1] ?? "") && !ROUTE_WORDS.has(decoded)) return "[token]";
      if (LONG_OPAQUE.test(segment)) return "[token]";
      return segment;
    })
    .join("/");
}
