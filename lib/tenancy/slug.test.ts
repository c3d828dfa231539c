import { describe, expect, it } from "vitest";
import { cleanSlugInput, slugFromName, slugProblem } from "./slug";
import { slugSchema } from "./slug-schema";

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

describe("slugProblem", () => {
  it("names what is wrong with an address, or nothing", () => {
    expect(slugProblem("metro-general")).toBeNull();
    expect(slugProblem("ab")).toBe("Use at least 3 characters.");
    expect(slugProblem("a".repeat(64))).toBe("Use at most 63 characters.");
    expect(slugProblem("-metro")).toMatch(/start and end with a letter or digit/);
    expect(slugProblem("metro--general")).toBe("Do not use two hyphens in a row.");
    expect(slugProblem("admin")).toBe("That address is reserved.");
    expect(slugProblem("sign-up")).toBe("That address is reserved.");
  });

  it("agrees with the schema the server validates with", () => {
    expect(slugSchema.safeParse("  Metro-General ").data).toBe("metro-general");
    expect(slugSchema.safeParse("www").success).toBe(false);
  });
});
