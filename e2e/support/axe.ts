import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The WCAG 2.0 and 2.1 A/AA rules: the product's standing bar for every page. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export type AxeFinding = { id: string; impact: string; help: string; targets: string[] };

/** Runs axe on the page as it is now; answers its critical and serious violations, each with the offending selectors. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : String(t))).join(" ")),
    }));
}

/** One line per violation: "serious color-contrast: Elements must meet minimum color contrast ratio thresholds [a, b]". */
export const describeFindings = (findings: AxeFinding[]) => findings.map((f) => `${f.impact} ${f.id}: ${f.help} [${f.targets.join(", ")}]`);

/**
 * Fails on any critical or serious violation, the message listing each violation's id, impact, help and
 * offending selectors. `soft`: records the failure and lets the test go on to the next page.
 */
export async function expectNoSeriousAxeViolations(page: Page, what: string, { soft = false } = {}): Promise<void> {
  const findings = describeFindings(await seriousAxeViolations(page));
  const message = `axe on ${what} (${page.url()}):\n  ${findings.join("\n  ")}`;
  if (soft) expect.soft(findings, message).toEqual([]);
  else expect(findings, message).toEqual([]);
}
