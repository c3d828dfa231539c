import "server-only";
import { config } from "@/lib/config/env";
import { normalizeHost } from "@/lib/tenancy/host";

// The addresses AgentCare itself hands out: the root host and one `{slug}.{root}` per organization.

/** The platform's root host name, without a port ("agentcare.com", "localhost"). */
export function rootHost(): string {
  return normalizeHost(config().rootDomain) ?? "localhost";
}

/** An organization's own AgentCare address. */
export function subdomainOf(slug: string): string {
  return `${slug}.${rootHost()}`;
}

/** The root host or anything under it: AgentCare assigns these, nobody adds them. */
export function isAgentCareAddress(domain: string): boolean {
  const root = rootHost();
  return domain === root || domain.endsWith(`.${root}`);
}
