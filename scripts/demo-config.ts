export function demoPassword(): string {
  return process.env.DEMO_PASSWORD || "agentcare-demo";
}

export function rootDomainForSeed(): string {
  return (process.env.ROOT_DOMAIN ?? "localhost").replace(/:\d+$/, "");
}
