// Runs once when a server starts. On Node, it offers the production server (scripts/server.mjs) the
// direct API path, built from this build's own modules; `next dev` has no use for it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { createDirectApi } = await import("@/lib/http/direct-api");
    (globalThis as { __agentcareCreateDirectApi?: typeof createDirectApi }).__agentcareCreateDirectApi = createDirectApi;
  }
}
