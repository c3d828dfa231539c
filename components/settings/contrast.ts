// Pure: WCAG 2.x contrast for the branding page (the measures themselves live in lib/branding/contrast).

export { brandContrast, contrastRatio, isHexColor, luminance, textColorOn } from "@/lib/branding/contrast";

/** Normal-size text needs 4.5:1 (WCAG AA); large text 3:1. */
export function contrastGrade(ratio: number): "AAA" | "AA" | "AA large" | "fail" {
  if (ratio >= 7) return "AAA";
  if (ratio >= 4.5) return "AA";
  if (ratio >= 3) return "AA large";
  return "fail";
}
