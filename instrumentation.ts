// Runs once when a server starts. On Node, it offers the production server (scripts/server.mjs) the
// direct API path and the page cache, built from this build's own modules; `next dev` has no use
// for them.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { createDirectApi } = await import("@/lib/http/direct-api");
    const { createPageCache } = await import("@/lib/pipeline/page-cache");
    const offered = globalThis as {
      __agentcareCreateDirectApi?: typeof createDirectApi;
      __agentcareCreatePageCache?: typeof createPageCache;
    };
    offered.__agentcareCreateDirectApi = createDirectApi;
    offered.__agentcareCreatePageCache = createPageCache;
  }
}
