import { describe, expect, it } from "vitest";
import { cleanSlugInput, slugFromName } from "./slug";

describe("slugFromName", () => {
  it("turns a name into a DNS label", () => {
    expect(slugFromName("Metro General Hospital")).toBe("metro-general-hospital");
    expect(slugFromName("  St. Mary's  Clinic ")).toBe("st-mary-s-clinic");
    expect(slugFromName("Hôpital Saint-Éloi")).toBe("hopital-saint-eloi");
    expect(slugFromName("Smith & Jones Practice")).toBe("smith-and-jones-practice");
    expect(slugFromName("!!!")).toBe("");
  });

  it("stays within 63 characters and never ends with a hyphen", () => {
    const slug = slugFromName("The Very Long Name Of A Regional Medical Center For Children And Families Of The Valley");
    expect(slug.length).toBeLessThanOrEqual(63);
    expect(slug).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
  });
});

describe("cleanSlugInput", () => {
  it("keeps only slug characters", () => {
    expect(cleanSlugInput("My Clinic!")).toBe("my-clinic");
    expect(cleanSlugInput("ABC_def")).toBe("abcdef");
  });
});
