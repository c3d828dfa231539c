// Edge-safe configuration read by middleware and server alike.
export function rootDomain(): string {
  return (process.env.ROOT_DOMAIN ?? "localhost").trim().toLowerCase();
}

export function trustProxyHeaders(): boolean {
  return process.env.TRUST_PROXY_HEADERS === "true";
}
