// AgentCare's own colours: what an organization has until it customises its branding
// (the column defaults of organization_branding).
export const DEFAULT_BRAND_COLORS = { primaryColor: "#0f766e", accentColor: "#f59e0b" } as const;

export function isCustomBranding(branding: { logoUrl: string | null; primaryColor: string; accentColor: string }): boolean {
  return (
    Boolean(branding.logoUrl) ||
    branding.primaryColor.toLowerCase() !== DEFAULT_BRAND_COLORS.primaryColor ||
    branding.accentColor.toLowerCase() !== DEFAULT_BRAND_COLORS.accentColor
  );
}
