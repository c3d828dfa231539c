// MULTI_TENANCY=false serves every request as this organization (single-hospital deployments).
export const DEFAULT_ORGANIZATION_SLUG = "default";
export const DEFAULT_ORGANIZATION_ID = "00000000-0000-0000-0000-000000000000";
