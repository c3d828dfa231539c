import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config/env";
import { nodeOptionsFor } from "./serve";

describe("the production server's Node options", () => {
  it("caps the heap and gives V8 one helper thread fewer than the cores, from one to four", () => {
    const at = (cores: number) => nodeOptionsFor({ heapMb: 320, v8Threads: null, cores, given: "" });
    expect(at(1)).toEqual(["--max-old-space-size=320", "--v8-pool-size=1"]);
    expect(at(2)).toEqual(["--max-old-space-size=320", "--v8-pool-size=1"]);
    expect(at(4)).toEqual(["--max-old-space-size=320", "--v8-pool-size=3"]);
    expect(at(32)).toEqual(["--max-old-space-size=320", "--v8-pool-size=4"]);
  });

  it("takes SERVER_V8_THREADS and SERVER_HEAP_MB as set, 0 leaving V8's own defaults", () => {
    const options = (env: Record<string, string>) => {
      const c = parseConfig(env);
      return nodeOptionsFor({ heapMb: c.serverHeapMb, v8Threads: c.serverV8Threads, cores: 2, given: "" });
    };
    expect(options({ SERVER_V8_THREADS: "6" })).toEqual(["--max-old-space-size=320", "--v8-pool-size=6"]);
    expect(options({ SERVER_V8_THREADS: "0", SERVER_HEAP_MB: "0" })).toEqual([]);
    expect(() => parseConfig({ SERVER_V8_THREADS: "-1" })).toThrow(/SERVER_V8_THREADS must be a whole number from 0 to 64/);
    expect(() => parseConfig({ SERVER_V8_THREADS: "two" })).toThrow(/SERVER_V8_THREADS must be a whole number/);
  });

  it("leaves out what NODE_OPTIONS already names", () => {
    expect(nodeOptionsFor({ heapMb: 320, v8Threads: null, cores: 2, given: "--v8-pool-size=8 --max-old-space-size=1024" })).toEqual([]);
    expect(nodeOptionsFor({ heapMb: 320, v8Threads: 2, cores: 8, given: "--max-old-space-size=1024" })).toEqual(["--v8-pool-size=2"]);
  });

  it.skipIf(!fs.existsSync("/proc/self/task"))("are accepted by this Node, and the helper threads are what the process runs with", () => {
    // Threads of a Node process that has started: its helpers plus the main thread and libuv's own.
    const threads = (options: string[]) =>
      Number(
        execFileSync(
          process.execPath,
          [...options, "-e", "process.stdout.write(String(require('fs').readdirSync('/proc/self/task').length))"],
          { encoding: "utf8" },
        ),
      );
    const fewer = threads(nodeOptionsFor({ heapMb: 320, v8Threads: 1, cores: 2, given: "" }));
    const usual = threads([]);
    expect(usual - fewer).toBe(3);
  });
});
