import { foreignKey, type AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * A reference between two tenant tables: `(organization_id, column) → target (organization_id, id)`,
 * so a row can never point at another organization's row, whatever the application does.
 */
export function tenantReference(
  name: string,
  from: { organizationId: AnyPgColumn; column: AnyPgColumn },
  target: { organizationId: AnyPgColumn; id: AnyPgColumn },
) {
  return foreignKey({ name, columns: [from.organizationId, from.column], foreignColumns: [target.organizationId, target.id] });
}
