import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { memberDirectory } from "@/lib/administration/member-directory";
import { organizationService, userService } from "@/lib/administration/organizations";
import { createOrganization } from "./support/fixtures";

describe("tenant_member_directory()", () => {
  it("shows a tenant its own members' names and e-mails, and nobody else", async () => {
    const a = await createOrganization("dir-a");
    const b = await createOrganization("dir-b");
    const alice = await userService.createUser({ email: `alice-${a.id}@example.com`, name: "Alice A" });
    const bob = await userService.createUser({ email: `bob-${b.id}@example.com`, name: "Bob B" });
    await organizationService.addUser(a.id, alice.id, "admin");
    await organizationService.addUser(b.id, bob.id, "admin");
    const dir = await withTenant(a.id, (tx) => memberDirectory(tx, a.id));
    expect(dir.members.map((m) => m.email)).toEqual([alice.email]);
    const raw = await withTenant(a.id, (tx) => tx.execute<{ email: string }>(sql`select email from public.tenant_member_directory()`));
    expect(raw.map((r) => r.email)).not.toContain(bob.email);
    // The tenant role still cannot read users directly.
    await expect(withTenant(a.id, (tx) => tx.execute(sql`select email from users`))).rejects.toMatchObject({ cause: { code: "42501" } });
  });
});
