import { describe, expect, it } from "vitest";
import { type z } from "zod";
import {
  MULTI_LINE_MESSAGE,
  SINGLE_LINE_MESSAGE,
  instantField,
  multiLine,
  optionalMultiLine,
  optionalSingleLine,
  personName,
  singleLine,
} from "./fields";

function outcome(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? { ok: result.data } : { errors: result.error.issues.map((i) => i.message) };
}

const name = singleLine(80).min(1, "Enter the first name.");

describe("singleLine", () => {
  it.each([
    ["Ana", "Ana"],
    ["  María José  ", "María José"],
    ["O'Brien-Łukasiewicz", "O'Brien-Łukasiewicz"],
    ["Zoë 👩🏽‍⚕️ 李", "Zoë 👩🏽‍⚕️ 李"],
    // Markup is only text here: every screen and e-mail prints it as text.
    ["<script>alert(1)</script>", "<script>alert(1)</script>"],
  ])("keeps %j as %j", (value, kept) => {
    expect(outcome(name, value)).toEqual({ ok: kept });
  });

  it.each([
    ["a line feed", "Ana\nBcc: x@evil.test"],
    ["a leading CR LF header", "\r\nBcc: x@evil.test"],
    ["a trailing line break", "Ana\r\n"],
    ["a NUL", "Ana\u0000"],
    ["a tab", "Ana\tSmith"],
    ["an escape sequence", "\u001b[31mAna"],
    ["DEL", "Ana\u007f"],
    ["a C1 control (NEL)", "Ana\u0085Smith"],
    ["a line separator", "Ana\u2028Smith"],
    ["a right-to-left override", "Ana\u202eevil"],
    ["a bidi isolate", "\u2066Ana\u2069"],
  ])("refuses %s with the field message", (_, value) => {
    expect(outcome(name, value)).toEqual({ errors: [SINGLE_LINE_MESSAGE] });
  });

  it("counts length after trimming and says the limit", () => {
    expect(outcome(name, "x".repeat(81))).toEqual({ errors: ["Use at most 80 characters."] });
    expect(outcome(name, ` ${"x".repeat(80)} `)).toEqual({ ok: "x".repeat(80) });
    expect(outcome(name, "   ")).toEqual({ errors: ["Enter the first name."] });
  });

  it("optional: empty and absent become null, a control character is still refused", () => {
    const note = optionalSingleLine(200);
    expect(outcome(note, "")).toEqual({ ok: null });
    expect(outcome(note, undefined)).toEqual({ ok: undefined });
    expect(outcome(note, "off\u0000site")).toEqual({ errors: [SINGLE_LINE_MESSAGE] });
  });

  it("personName is one", () => {
    expect(outcome(personName, "Jordan\r\nLee")).toEqual({ errors: [SINGLE_LINE_MESSAGE] });
    expect(outcome(personName, "Jordan Lee")).toEqual({ ok: "Jordan Lee" });
  });
});

describe("multiLine", () => {
  it("allows line feeds and the CR LF pairs forms send, trims the ends", () => {
    expect(outcome(multiLine(100), "  Knee pain.\r\nStarted last week.\n\nWorse on stairs.  ")).toEqual({
      ok: "Knee pain.\r\nStarted last week.\n\nWorse on stairs.",
    });
  });

  it.each([
    ["a NUL", "a\u0000b"],
    ["a lone CR", "a\rBcc: x"],
    ["a tab", "a\tb"],
    ["an escape sequence", "\u001b[2J"],
    ["a right-to-left override", "a\u202eb"],
  ])("refuses %s", (_, value) => {
    expect(outcome(multiLine(100), value)).toEqual({ errors: [MULTI_LINE_MESSAGE] });
  });

  it("optional: empty becomes null; the limit is stated", () => {
    expect(outcome(optionalMultiLine(10), "")).toEqual({ ok: null });
    expect(outcome(optionalMultiLine(10), "x".repeat(11))).toEqual({ errors: ["Use at most 10 characters."] });
  });
});

describe("instantField", () => {
  const field = instantField("Choose a time.");
  it("takes ISO date-times and Dates within the years a schedule can hold", () => {
    expect(field.parse("2026-03-09T14:00:00Z").toISOString()).toBe("2026-03-09T14:00:00.000Z");
    expect(field.safeParse("1900-01-01T00:00:00Z").success).toBe(true);
    expect(field.safeParse("9999-12-31T23:59:59Z").success).toBe(true);
  });
  it("refuses year 0, +020000, the largest date JavaScript has, and junk, with a message", () => {
    for (const value of ["0000-01-01T00:00:00Z", "+020000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "1899-12-31T23:59:59Z"]) {
      const result = field.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/1900 and 9999/);
    }
    expect(field.safeParse("soon").error?.issues[0]?.message).toBe("Choose a time.");
  });
});
