import "server-only";
export { withTenant, withPlatform, isUuid } from "./tenant";
export type { TenantTx, PlatformTx, Tx } from "./tenant";
export { closeDb } from "./client";
export * as schema from "./schema";
