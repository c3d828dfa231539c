import { z } from "zod";
import { membershipStatuses } from "@/lib/db/schema/enum-values";
import { email, idParam, memberRole, personName, uuid } from "@/lib/validation/fields";

// Client-safe: what administrators send about memberships and invitations, for the REST handlers,
// the server actions and the OpenAPI document alike.

/** An administrator sets a membership active or suspended ("invited" is the invitation's own). */
const memberStatus = z.enum(membershipStatuses).exclude(["invited"], "Choose active or suspended.");

const memberPatchFields = z.object({ role: memberRole.optional(), status: memberStatus.optional() });
const changesSomething = (p: { role?: unknown; status?: unknown }) => p.role !== undefined || p.status !== undefined;
const NOTHING_TO_CHANGE = "Change the role or the status.";

/** PATCH a membership: its role, its status, or both. */
export const memberPatchSchema = memberPatchFields.refine(changesSomething, NOTHING_TO_CHANGE);
/** The same change, naming the membership (server actions). */
export const memberChangeSchema = memberPatchFields.extend({ id: idParam }).refine(changesSomething, NOTHING_TO_CHANGE);

/** An invitation by e-mail, with the role it grants. */
export const invitationInputSchema = z.object({ email, role: memberRole });

/**
 * Adding a member through the organization API: an existing account by id (operators only), or by
 * e-mail and name (the account is created when there is none, without a password: nobody sets
 * another person's password; its owner chooses one through "Forgot password?", which proves the
 * address). A `password` is refused rather than ignored.
 */
export const addMemberSchema = z.union([
  z.object({ userId: uuid("userId must be a user id."), role: memberRole }).strict(),
  z.object({ email, name: personName, role: memberRole }).strict(),
]);

export type MemberPatch = z.infer<typeof memberPatchSchema>;
export type InvitationInput = z.infer<typeof invitationInputSchema>;
export type AddMemberInput = z.infer<typeof addMemberSchema>;
