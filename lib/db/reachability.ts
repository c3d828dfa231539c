import "server-only";

// When the database last answered the health probe. Any request that finds it unreachable clears
// this, so the health check never reports a database up after the application has seen it down.
let lastSuccessAt = 0;

export function probeSucceededAt(): number {
  return lastSuccessAt;
}

export function recordProbeSuccess(at = Date.now()): void {
  lastSuccessAt = at;
}

export function recordDatabaseUnreachable(): void {
  lastSuccessAt = 0;
}
