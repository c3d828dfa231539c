import "server-only";
import { z } from "zod";
import { parseOrThrow } from "@/lib/validation/parse";
import { hashPassword } from "@/lib/users/password";
import { invalidatePrefix } from "@/lib/cache/memory";
import { platformKey } from "@/lib/cache/keys";
import type { Organization, OrganizationSettings, User } from "@/lib/db/schema";
import { enterTenant, withPlatform, type TenantTx } from "@/lib/db/tenant";
import { ConflictError, NotFoundError } from "@/lib/errors/app-error";
import { membershipsRepo } from "@/lib/memberships/repository";
import { subdomainOf } from "@/lib/organizations/addresses";
import { platformUsers } from "@/lib/users/platform-repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { organizationRepo } from "@/lib/organizations/repository";
import type { Administrator } from "@/lib/tenancy/service-context";
import { addMember } from "./members";
import { addDomain as addDomainInScope, updateSchedulingSettings, type DomainRecord } from "./settings";
import {
  addDomainSchema,
  createOrganizationSchema,
  settingsPatchSchema,
  type CreateOrganizationInput,
  type SettingsPatchInput,
} from "@/lib/organizations/schemas";

export { subdomainOf };

/** The platform itself administering an organization (onboarding, tests): an operator without an account. */
export const PLATFORM: Administrator = { kind: "operator", userId: null };

export type NewOwner = { userId: string } | { email: string; name: string; password: string };

/**
 * One transaction: the organization, its default settings and branding, its `{slug}.{root}`
 * domain, and (when given) its first owner. Anything failing leaves nothing behind.
 */
async function createOrganization(
  raw: CreateOrganizationInput,
  options: { owner?: NewOwner } = {},
): Promise<{ organization: Organization; ownerId: string | null }> {
  const input = parseOrThrow(createOrganizationSchema, raw, "organization");
  const passwordHash = options.owner && "password" in options.owner ? await hashPassword(options.owner.password) : null;
  const result = await withPlatform(async (tx) => {
    const organization = await platformOrganizations(tx).create({ input });
    await platformOrganizations(tx).addDomain({
      organizationId: organization.id,
      domain: subdomainOf(organization.slug),
      isPrimary: true,
      verified: true,
    });
    let ownerId: string | null = null;
    if (options.owner) {
      if ("userId" in options.owner) {
        if (!(await platformUsers(tx).findById({ id: options.owner.userId }))) throw new NotFoundError("user");
        ownerId = options.owner.userId;
      } else {
        ownerId = (await platformUsers(tx).create({ input: { email: options.owner.email, name: options.owner.name, passwordHash } })).id;
      }
    }
    const ttx = await enterTenant(tx, organization.id, ownerId);
    const repo = organizationRepo(ttx, organization.id);
    await repo.getSettings();
    await repo.updateBranding({ patch: { displayName: organization.name } });
    if (ownerId) await membershipsRepo(ttx, organization.id).add({ userId: ownerId, role: "owner" });
    return { organization, ownerId };
  });
  await invalidatePrefix(platformKey("org-by-slug"));
  return result;
}

/** organizationService.addDomain: the organization's own subdomain, or a custom domain to verify. */
async function addDomain(orgId: string, raw: { domain: string; isPrimary?: boolean }, tx?: TenantTx): Promise<DomainRecord> {
  return addDomainInScope({ orgId, by: PLATFORM, tx }, parseOrThrow(addDomainSchema, raw, "domain"));
}

/** organizationService.updateSettings: any subset; business hours merge per weekday. */
async function updateSettings(orgId: string, raw: SettingsPatchInput, tx?: TenantTx): Promise<OrganizationSettings> {
  return updateSchedulingSettings({ orgId, by: PLATFORM, tx }, parseOrThrow(settingsPatchSchema, raw, "settings"));
}

export const organizationService = {
  create: async (input: CreateOrganizationInput, options?: { owner?: NewOwner }) => (await createOrganization(input, options)).organization,
  createWithOwner: createOrganization,
  addDomain,
  addUser: addMember,
  updateSettings,
};

/**
 * userService.createUser. `organizationId` is accepted for API compatibility but grants
 * nothing: membership comes from organizationService.addUser. Without a password the account
 * cannot sign in until its owner sets one through an invitation link.
 */
export const userService = {
  async createUser(input: { email: string; name: string; password?: string; organizationId?: string }): Promise<User> {
    const email = parseOrThrow(createUserSchema, input, "user");
    if (input.organizationId) {
      const org = await withPlatform((tx) => platformOrganizations(tx).findById({ id: input.organizationId! }));
      if (!org) throw new NotFoundError("organization");
    }
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    return withPlatform(async (tx) => {
      if (await platformUsers(tx).findByEmail({ email: email.email })) {
        throw new ConflictError("user_email", "An account with this e-mail address already exists.");
      }
      return platformUsers(tx).create({ input: { email: email.email, name: email.name, passwordHash } });
    });
  },
};

const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid e-mail address.")),
  name: z.string().trim().min(1, "Enter a name.").max(120),
  password: z.string().min(10, "Use at least 10 characters.").max(200).optional(),
  organizationId: z.uuid().optional(),
});
