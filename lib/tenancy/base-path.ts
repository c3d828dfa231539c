import type { RequestInfo } from "./request";

/** "" on a tenant's own host; "/org/{slug}" when the tenant is addressed by path on the root domain. */
export function basePathFor(info: RequestInfo, slug: string): string {
  return info.hostClass.kind === "root" ? `/org/${slug}` : "";
}
