// Pure and client-safe: WCAG 2.x contrast for an organization's brand colours. The staff shell and
// the public site put text on the primary colour (buttons, the current page, the brand mark) and use
// it for links and focus marks on the white page, so both uses are measured here.

const HEX = /^#([0-9a-f]{6})$/i;

export const WHITE = "#ffffff";
export const BLACK = "#000000";

/** The least contrast a primary colour may have against its text and against the white page (WCAG 1.4.11, large text). */
export const MIN_BRAND_CONTRAST = 3;

export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

/** Relative luminance of an sRGB `#rrggbb` colour (WCAG 2.x definition). */
export function luminance(hex: string): number {
  const match = HEX.exec(hex);
  if (!match) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(match[1]!, 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** Contrast ratio between two colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour for a background: black or white, whichever contrasts more (white on a tie). */
export function textColorOn(background: string): typeof WHITE | typeof BLACK {
  return contrastRatio(BLACK, background) > contrastRatio(WHITE, background) ? BLACK : WHITE;
}

export type BrandContrast = {
  /** Black or white, whichever reads better on the colour. */
  text: typeof WHITE | typeof BLACK;
  /** Contrast of that text on the colour. */
  onText: number;
  /** Contrast of the colour on the white page, where it marks links, the current page and focus. */
  onPage: number;
  /** Both at least MIN_BRAND_CONTRAST. */
  ok: boolean;
};

/** How a primary colour reads: the text chosen for it, and whether it is clear enough to be saved. */
export function brandContrast(primary: string): BrandContrast {
  const text = textColorOn(primary);
  const onText = contrastRatio(text, primary);
  const onPage = contrastRatio(WHITE, primary);
  return { text, onText, onPage, ok: onText >= MIN_BRAND_CONTRAST && onPage >= MIN_BRAND_CONTRAST };
}

/** The message a refused primary colour gets (field message in the form and the API). */
export function brandContrastMessage(c: BrandContrast): string {
  const worst = Math.min(c.onText, c.onPage);
  return `This colour has only ${worst.toFixed(2)}:1 contrast ${c.onPage < c.onText ? "against the white page" : "with its text"}; choose a darker colour (at least ${MIN_BRAND_CONTRAST}:1).`;
}
