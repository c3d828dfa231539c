"use server";

import { z } from "zod";
import { apiKeyInputSchema } from "@/lib/api-keys/schemas";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/service";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { idParam } from "@/lib/validation/fields";

/** The organization's keys (prefix, role, last use; never a secret). */
export const apiKeysAction = tenantAction(
  { name: "api_keys.list", schema: z.object({}), permission: "api_keys:manage" },
  async (_input, ctx) => listApiKeys(ctx.tx, ctx.orgId),
);

/** A new key: the token is in this answer only; AgentCare keeps a hash. */
export const createApiKeyAction = tenantAction(
  { name: "api_keys.create", schema: apiKeyInputSchema, permission: "api_keys:manage" },
  async (input, ctx) =>
    createApiKey(ctx.tx, ctx.orgId, { ...input, createdBy: ctx.actorUserId, creator: { kind: "member", role: ctx.role } }),
);

export const revokeApiKeyAction = tenantAction(
  { name: "api_keys.revoke", schema: z.object({ id: idParam }), permission: "api_keys:manage" },
  async ({ id }, ctx) => revokeApiKey(ctx.tx, ctx.orgId, id),
);
