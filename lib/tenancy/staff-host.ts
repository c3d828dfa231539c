import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { config } from "@/lib/config/env";
import { organizationUrl } from "./href";
import type { RequestInfo } from "./request";

/**
 * Custom domains serve the public pages only: the session cookie lives on the platform's domain,
 * so staff pages on a custom domain send the browser to the organization's own subdomain.
 */
export async function redirectStaffOffCustomDomain(info: RequestInfo, slug: string, path: string): Promise<void> {
  if (info.hostClass.kind !== "custom") return;
  const proto = (await headers()).get("x-forwarded-proto") === "https" ? "https:" : "http:";
  redirect(organizationUrl({ slug, rootDomain: config().rootDomain, protocol: proto, path }));
}
