import "server-only";
import { config } from "@/lib/config/env";
import fs from "node:fs";
import { systemResolver, type TxtResolver } from "@/lib/administration/domains";

/**
 * The resolver domain verification uses: the system's DNS, or — for tests and air-gapped
 * installs — a JSON file of TXT records named by DNS_TXT_OVERRIDES_FILE ({"name": ["value"]}).
 */
export function dnsResolver(): TxtResolver {
  const file = config().dnsTxtOverridesFile;
  if (!file) return systemResolver;
  return async (hostname) => {
    let records: Record<string, string[]> = {};
    try {
      records = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string[]>;
    } catch {
      records = {};
    }
    return (records[hostname] ?? []).map((value) => [value]);
  };
}
