import fs from "node:fs";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };

/** Where a frame's code lives: an npm package, a file of ours, or the runtime. */
function origin(url: string): string {
  if (!url) return "(runtime)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    const chunk = /next\/dist\/compiled\/([^/]+)/.exec(url);
    return chunk ? `next/compiled/${chunk[1]}` : pkg[1]!;
  }
  if (url.startsWith("node:")) return "(node core)";
  const ours = /\.next\/server\/(.+)$/.exec(url);
  if (ours) return `.next/server/${ours[1]!.split("/").slice(0, 2).join("/")}`;
  return url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
}

/** Self time by function and by origin from a V8 .cpuprofile, heaviest first. Pure over the file. */
export function summarizeCpuProfile(file: string, top = 25): string {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const totalSamples = profile.samples.length || 1;
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / totalSamples;
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const where = origin(node.callFrame.url);
    const name = `${node.callFrame.functionName || "(anonymous)"} — ${where}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + hits);
  }
  const table = (title: string, entries: Map<string, number>, n: number) => {
    const rows = [...entries].sort((a, b) => b[1] - a[1]).slice(0, n);
    return [
      title,
      ...rows.map(
        ([name, hits]) =>
          `  ${((hits / totalSamples) * 100).toFixed(1).padStart(5)}%  ${(hits * msPerSample).toFixed(0).padStart(7)} ms  ${name}`,
      ),
    ].join("\n");
  };
  return [
    `CPU profile ${file}: ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s, ${totalSamples} samples (self time)`,
    table("By origin:", byOrigin, 20),
    table("By function:", byFunction, top),
  ].join("\n\n");
}
