import { DEMO_USERS } from "@/lib/demo/data";

/**
 * What `npm start` prints once the server is starting: the addresses and the demo sign-ins. Never
 * the password itself (terminal output ends up in logs): where to find it.
 */
export function startBanner({
  port,
  rootDomain,
  demoPasswordFromEnvironment,
}: {
  port: number;
  rootDomain: string;
  demoPasswordFromEnvironment: boolean;
}): string {
  const host = rootDomain.replace(/:\d+$/, "");
  const base = (sub?: string) => `http://${sub ? `${sub}.` : ""}${host}:${port}`;
  const password = demoPasswordFromEnvironment ? "the DEMO_PASSWORD you set" : "see README.md, or set DEMO_PASSWORD";
  return `
AgentCare is starting on port ${port}
  Platform:               ${base()}
  Metro General Hospital: ${base("metro-general")}   (or ${base()}/org/metro-general)
  Sunset Clinic:          ${base("sunset-clinic")}   (or ${base()}/org/sunset-clinic)
Demo sign-ins (password: ${password}):
${DEMO_USERS.map((u) => `  ${u.email.padEnd(28)} ${u.memberships.map((m) => `${m.role} @ ${m.slug}`).join(", ")}`).join("\n")}
`;
}
