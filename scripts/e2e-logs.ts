import path from "node:path";

// Where the e2e servers write what they print, and what the log scan needs to know about them.
// Under test-results/ (git-ignored): Playwright clears it before it starts the servers.

export const e2eServerLogFile = (port: number) => path.join(process.cwd(), "test-results", `server-${port}.log`);

/** The server's scratch database (on DATABASE_URL's server), so the scan can read every patient the run made. */
export const e2eServerFactsFile = (port: number) => path.join(process.cwd(), "test-results", `server-${port}.json`);

export type E2eServerFacts = { database: string | null };

/** What scripts/e2e-cluster.ts started: the balancer's port and each instance's port and process id. */
export type ClusterFacts = {
  balancer: number;
  instances: { name: "a" | "b"; port: number; pid: number }[];
  rootDomain: string;
  redisKeyPrefix: string;
  database: string;
};

export const clusterFactsFile = (port: number) => path.join(process.cwd(), "test-results", `cluster-${port}.json`);
