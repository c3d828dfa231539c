import "server-only";
import { authenticateApiKey, looksLikeApiKey } from "@/lib/api-keys/service";
import { currentOperator, isOperatorToken } from "@/lib/auth/operator";
import { getSession } from "@/lib/auth/session";
import { noteRequest } from "@/lib/observability/request-context";
import type { MemberRole } from "@/lib/db/schema/enums";
import { UnauthenticatedError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/tenancy/service-context";
import type { RequestFacts } from "./request";
import { raiseAlert } from "@/lib/security/alerts";

/** Who is calling, as far as credentials go (membership is authorize's question). */
export type Caller =
  | { kind: "user"; userId: string; email: string | null; name: string | null; ssoOrganizationId?: string | null }
  | { kind: "api_key"; keyId: string; orgId: string; role: MemberRole }
  | { kind: "operator"; userId: string | null }
  | { kind: "anonymous" };

export type CredentialKinds = {
  /** `Authorization: Bearer ac_…` organization API keys. */
  apiKey?: boolean;
  /** The platform operator token, or a signed-in account flagged as platform operator. */
  operator?: boolean;
};

/**
 * Session | API key | operator | anonymous. A presented credential that is not valid is refused
 * (401) rather than treated as anonymous.
 */
export async function authenticate(facts: RequestFacts, accept: CredentialKinds = {}): Promise<Caller> {
  const caller = await identify(facts, accept);
  noteRequest({ apiKey: caller.kind === "api_key", userId: callerUserId(caller) ?? undefined });
  return caller;
}

async function identify(facts: RequestFacts, accept: CredentialKinds): Promise<Caller> {
  if (accept.apiKey && looksLikeApiKey(facts.authorization)) {
    const key = await authenticateApiKey(facts.authorization!);
    if (!key) {
      raiseAlert({ kind: "api_key_rejected", reason: "unknown, revoked or expired key", requestId: facts.requestId });
      throw new UnauthenticatedError("That API key is not valid or has been revoked.");
    }
    return { kind: "api_key", keyId: key.keyId, orgId: key.orgId, role: key.role };
  }
  if (accept.operator && isOperatorToken(facts.authorization)) return { kind: "operator", userId: null };
  if (accept.operator) {
    const operator = await currentOperator();
    if (operator) return { kind: "operator", userId: operator.id };
  }
  const session = await getSession();
  if (session) {
    return {
      kind: "user",
      userId: session.user.id,
      email: session.user.email ?? null,
      name: session.user.name ?? null,
      ssoOrganizationId: session.ssoOrganizationId ?? null,
    };
  }
  return { kind: "anonymous" };
}

export function requireCaller(caller: Caller): Exclude<Caller, { kind: "anonymous" }> {
  if (caller.kind === "anonymous") throw new UnauthenticatedError();
  return caller;
}

/** The user behind a caller, if any (security events name them). */
export function callerUserId(caller: Caller | null): string | null {
  if (!caller) return null;
  return caller.kind === "user" || caller.kind === "operator" ? caller.userId : null;
}

export function actorOf(caller: Exclude<Caller, { kind: "anonymous" }>): Actor {
  switch (caller.kind) {
    case "user":
      return {
        type: "user",
        userId: caller.userId,
        email: caller.email,
        name: caller.name,
        ssoOrganizationId: caller.ssoOrganizationId ?? null,
      };
    case "api_key":
      return { type: "api_key", keyId: caller.keyId, role: caller.role };
    case "operator":
      return { type: "operator", userId: caller.userId };
  }
}
