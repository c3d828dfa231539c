import type { CardImageType } from "@/lib/db/schema/intake-values";
import { INTAKE_LIMITS } from "./questions";

/**
 * What an uploaded insurance card photo really is, read from its first bytes (never from the
 * name or the Content-Type the browser claimed): JPEG, PNG or WebP, or null for anything else.
 */
export function cardImageType(bytes: Uint8Array): CardImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

/** The reason a card photo is refused, or null when it can be kept. */
export function cardImageProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return "Choose a photo of your insurance card.";
  if (bytes.length > INTAKE_LIMITS.cardBytes) return "The photo is too large: use one of at most 2 MB.";
  if (!cardImageType(bytes)) return "Use a JPEG, PNG or WebP photo.";
  return null;
}
