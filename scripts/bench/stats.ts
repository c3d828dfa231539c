export type Summary = { n: number; median: number; p95: number; mean: number };

/** Linear-interpolated quantile of an ascending array (q in [0, 1]). */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(sorted.length, 1);
  return { n: sorted.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), mean };
}

// The demo data's deterministic PRNG: the same seed picks the same targets and orders.
export { prng } from "@/lib/demo/data";

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const ms = (x: number) => x.toFixed(3);
export const ratio = (x: number) => `${x.toFixed(2)}×`;

/**
 * Two servers' throughput compared round by round: the ratio of each round's pair (a[i] ÷ b[i]),
 * their median and range. The servers of one round run minutes apart at most, so a machine that
 * drifts slower or faster over a run moves both sides of a pair together. Pure.
 */
export function pairedRatios(a: readonly number[], b: readonly number[]): { ratios: number[]; median: number; min: number; max: number } {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) if (b[i]! > 0) ratios.push(a[i]! / b[i]!);
  const sorted = [...ratios].sort((x, y) => x - y);
  return { ratios, median: quantile(sorted, 0.5), min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}

/**
 * The order servers take in each round of a scenario: the list rotated by one a round, so that a
 * server is not always the one running on a warmer (or slower) machine. Pure.
 */
export function roundOrder<T>(servers: readonly T[], round: number): T[] {
  return servers.map((_, i) => servers[(i + round) % servers.length]!);
}

/**
 * How many rounds a scenario runs: as asked, or by default one per server it compares and at least
 * three. With one round per server, the rotation (roundOrder) puts every server in every position
 * exactly once; with fewer, some server runs first more often than the others. Pure.
 */
export function roundsFor(servers: number, asked: number | null): number {
  if (asked !== null) return asked;
  return Math.max(3, servers);
}
