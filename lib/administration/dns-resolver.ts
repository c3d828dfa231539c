import "server-only";
import { Resolver } from "node:dns/promises";
import fs from "node:fs";
import { config } from "@/lib/config/env";

/** Looks up a name's TXT records: each record as its character-string chunks. */
export type TxtResolver = (hostname: string) => Promise<string[][]>;

/** The system's DNS, with a short timeout: a slow name server must not keep a request waiting long. */
export const systemResolver: TxtResolver = (hostname) => new Resolver({ timeout: 3_000, tries: 2 }).resolveTxt(hostname);

/** The DNS record an organization creates to prove it controls a domain. */
export function verificationRecord(domain: string, token: string) {
  return { type: "TXT" as const, name: `_agentcare-challenge.${domain}`, value: `agentcare-verification=${token}` };
}

export type TxtRecord = ReturnType<typeof verificationRecord>;

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
