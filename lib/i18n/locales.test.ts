import { describe, expect, it } from "vitest";
import { bookingLanguage, intlLocale, negotiateLanguage, offeredLanguages, parseAcceptLanguage } from "./locales";

describe("choosing a patient page's language", () => {
  const both = ["en", "es"] as const;

  it("reads Accept-Language by weight, keeping the browser's order on ties", () => {
    expect(parseAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5")).toEqual(["fr-ch", "fr", "en", "de", "*"]);
    expect(parseAcceptLanguage("es;q=0.5,en;q=0.9")).toEqual(["en", "es"]);
    expect(parseAcceptLanguage("de;q=0, es")).toEqual(["es"]);
    expect(parseAcceptLanguage("")).toEqual([]);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });

  it("takes the browser's best language the organization offers", () => {
    expect(negotiateLanguage({ acceptLanguage: "es-ES,es;q=0.9,en;q=0.8", offered: [...both] })).toBe("es");
    expect(negotiateLanguage({ acceptLanguage: "es-MX", offered: [...both] })).toBe("es");
    expect(negotiateLanguage({ acceptLanguage: "fr-FR,fr;q=0.9,es;q=0.8,en;q=0.7", offered: [...both] })).toBe("es");
    expect(negotiateLanguage({ acceptLanguage: "en-US,en;q=0.9,es;q=0.8", offered: [...both] })).toBe("en");
  });

  it("falls back to English when nothing offered matches, or the organization offers English only", () => {
    expect(negotiateLanguage({ acceptLanguage: "de-DE,fr;q=0.8", offered: [...both] })).toBe("en");
    expect(negotiateLanguage({ acceptLanguage: "es-ES", offered: ["en"] })).toBe("en");
    expect(negotiateLanguage({ acceptLanguage: "*", offered: [...both] })).toBe("en");
    expect(negotiateLanguage({ offered: [...both] })).toBe("en");
  });

  it("lets the patient's own choice win, if the organization offers it", () => {
    expect(negotiateLanguage({ chosen: "en", acceptLanguage: "es-ES", offered: [...both] })).toBe("en");
    expect(negotiateLanguage({ chosen: "es", acceptLanguage: "en-US", offered: [...both] })).toBe("es");
    expect(negotiateLanguage({ chosen: "es", acceptLanguage: "en-US", offered: ["en"] })).toBe("en");
    expect(negotiateLanguage({ chosen: "xx", acceptLanguage: "es", offered: [...both] })).toBe("es");
  });

  it("keeps stored lists safe: known languages, English always, in one order", () => {
    expect(offeredLanguages(["es", "en"])).toEqual(["en", "es"]);
    expect(offeredLanguages(["es"])).toEqual(["en", "es"]);
    expect(offeredLanguages(["fr", "en"])).toEqual(["en"]);
    expect(offeredLanguages(null)).toEqual(["en"]);
  });

  it("records a booking in the page's language only while the organization offers it", () => {
    expect(bookingLanguage("es", ["en", "es"])).toBe("es");
    expect(bookingLanguage("es", ["en"])).toBe("en");
    expect(bookingLanguage(undefined, ["en", "es"])).toBe("en");
  });

  it("formats dates with a full locale per language", () => {
    expect(intlLocale("es")).toBe("es-ES");
    expect(intlLocale("en")).toBe("en-US");
    expect(intlLocale("xx")).toBe("en-US");
  });
});
