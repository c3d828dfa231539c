import { describe, expect, it } from "vitest";
import { patientLanguages } from "./locales";
import { MESSAGES } from "./messages";
import { placeholdersOf } from "./placeholders";

/** Every message of a tree as "Namespace.key" → text. */
function flatten(tree: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const english = flatten(MESSAGES.en);

describe("patient messages", () => {
  it("finds the arguments of plain, plural and select messages", () => {
    expect(placeholdersOf("Hello {name},")).toEqual(["name"]);
    expect(placeholdersOf("{count, plural, one {# provider} other {# providers}} at {place}")).toEqual(["count", "place"]);
    expect(placeholdersOf("{a}{at, select, yes { at {place}} other {}}.")).toEqual(["a", "at", "place"]);
    expect(placeholdersOf("{state, select, checking {checking} other {no}}")).toEqual(["state"]);
    expect(() => placeholdersOf("Hello {name")).toThrow();
  });

  for (const language of patientLanguages.filter((l) => l !== "en")) {
    const translated = flatten(MESSAGES[language]);

    it(`${language} has every English key and no other`, () => {
      expect([...translated.keys()].filter((k) => !english.has(k))).toEqual([]);
      expect([...english.keys()].filter((k) => !translated.has(k))).toEqual([]);
    });

    it(`${language} uses the same arguments as English in every message`, () => {
      const different = [...english].filter(([key, text]) => {
        const other = translated.get(key);
        return other !== undefined && placeholdersOf(other).join() !== placeholdersOf(text).join();
      });
      expect(different.map(([key]) => key)).toEqual([]);
    });

    it(`${language} translates every message (none left empty)`, () => {
      expect([...translated].filter(([, text]) => !text.trim()).map(([key]) => key)).toEqual([]);
    });
  }
});
