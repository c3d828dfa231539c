import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Each case runs in its own Node process: the change is to a builtin's prototype, and the control
// case needs Node's own behaviour.
const MODULE = path.join(__dirname, "async-context.mjs");

function run(lighten: boolean, body: string): unknown {
  const script = `
    const { AsyncLocalStorage } = require("node:async_hooks");
    (async () => {
      const installed = ${lighten} ? (await import(${JSON.stringify(MODULE)})).lightenAsyncContext() : false;
      const out = { installed };
      ${body}
      process.stdout.write(JSON.stringify(out));
    })();
  `;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

// Ten storages in use (a Next.js server has about a dozen); a promise made while one holds a value.
const SYMBOLS_ON_A_PROMISE = `
  const storages = Array.from({ length: 10 }, () => new AsyncLocalStorage());
  for (const s of storages) s.run(0, () => {});
  storages[3].run("value", () => {
    const p = Promise.resolve();
    const own = Object.getOwnPropertySymbols(p);
    out.keys = storages.filter((s) => own.includes(s.kResourceStore)).length;
  });
`;

// What storages read back across awaits, nested runs, exit, timers and immediates.
const OBSERVATIONS = `
  const a = new AsyncLocalStorage();
  const b = new AsyncLocalStorage();
  const seen = [];
  const look = (where) => seen.push([where, a.getStore() ?? null, b.getStore() ?? null]);
  await a.run("a1", async () => {
    await null;
    look("after await in a");
    await b.run("b1", async () => {
      await Promise.resolve();
      look("in b inside a");
      await a.run(undefined, async () => { await null; look("a run with undefined"); });
      await a.exit(async () => { await null; look("a exited"); });
      look("back in b");
    });
    await new Promise((resolve) => setTimeout(() => { look("timer in a"); resolve(); }, 1));
    await new Promise((resolve) => setImmediate(() => { look("immediate in a"); resolve(); }));
    b.enterWith("b2");
    await null;
    look("after enterWith");
  });
  look("outside");
  out.seen = seen;
`;

describe("lightenAsyncContext", () => {
  it("installs on this Node and leaves a promise one store key instead of one per storage", () => {
    const plain = run(false, SYMBOLS_ON_A_PROMISE) as { keys: number };
    const light = run(true, SYMBOLS_ON_A_PROMISE) as { installed: boolean; keys: number };
    expect(light.installed).toBe(true);
    expect(plain.keys).toBe(10);
    expect(light.keys).toBe(1);
  });

  it("changes nothing a storage reads: the same values across awaits, runs, exit, timers and enterWith", () => {
    const plain = run(false, OBSERVATIONS) as { seen: unknown[] };
    const light = run(true, OBSERVATIONS) as { installed: boolean; seen: unknown[] };
    expect(light.installed).toBe(true);
    expect(plain.seen).toHaveLength(9);
    expect(light.seen).toEqual(plain.seen);
  });
});
