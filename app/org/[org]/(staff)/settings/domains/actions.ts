"use server";

import { z } from "zod";
import { addDomain, listDomains, makeDomainPrimary, removeDomain, verifyDomain } from "@/lib/administration/settings";
import { addDomainSchema } from "@/lib/organizations/schemas";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { tenantAdminAction } from "@/lib/pipeline/tenant-admin-action";
import { adminScopeOf } from "@/lib/tenancy/service-context";
import { idParam } from "@/lib/validation/fields";

/** The organization's domains, each unverified one with its DNS TXT record. */
export const domainsAction = tenantAction(
  { name: "settings.domains", schema: z.object({}), permission: "settings:manage" },
  async (_input, ctx) => listDomains(adminScopeOf(ctx)),
);

export const addDomainAction = tenantAction(
  { name: "settings.domains.add", schema: addDomainSchema, permission: "settings:manage" },
  async (input, ctx) => addDomain(adminScopeOf(ctx), input),
);

/** Checks the DNS TXT record (a few lookups a minute are plenty); no transaction is held while DNS answers. */
export const verifyDomainAction = tenantAdminAction(
  { name: "settings.domains.verify", schema: z.object({ id: idParam }), permission: "settings:manage", limitPerMinute: 20 },
  async ({ id }, scope) => verifyDomain(scope, id),
);

export const makeDomainPrimaryAction = tenantAction(
  { name: "settings.domains.primary", schema: z.object({ id: idParam }), permission: "settings:manage" },
  async ({ id }, ctx) => makeDomainPrimary(adminScopeOf(ctx), id),
);

export const removeDomainAction = tenantAction(
  { name: "settings.domains.remove", schema: z.object({ id: idParam }), permission: "settings:manage" },
  async ({ id }, ctx) => removeDomain(adminScopeOf(ctx), id),
);
