// Work a server must finish before its process exits (counts gathered in memory: resource usage,
// security alert tallies). The production server (scripts/server.mjs) runs every registered task
// after the last request has been answered on a graceful stop, for at most a few seconds.

type Task = () => Promise<void>;

const holder = globalThis as unknown as { __agentcareBeforeExit?: Map<string, Task> };

/** Registers (or replaces) a named task; one per name per process, whichever bundle registers it. */
export function beforeExit(name: string, task: Task): void {
  (holder.__agentcareBeforeExit ??= new Map()).set(name, task);
}
