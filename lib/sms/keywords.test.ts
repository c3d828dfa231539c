import { describe, expect, it } from "vitest";
import { classifyReply } from "./keywords";
import { twiml } from "./compose";

describe("classifyReply", () => {
  it("knows the carriers' opt-out and opt-in words, in any case and with punctuation", () => {
    for (const word of ["STOP", "stop", " Stop. ", "STOPALL", "unsubscribe", "CANCEL", "end", "QUIT"])
      expect(classifyReply(word)).toBe("stop");
    for (const word of ["START", "yes", "Unstop!"]) expect(classifyReply(word)).toBe("start");
    for (const word of ["HELP", "info?", "Ayuda"]) expect(classifyReply(word)).toBe("help");
  });

  it("reads C and R (and the words) as confirm and reschedule; anything else is other", () => {
    expect(classifyReply("C")).toBe("confirm");
    expect(classifyReply("c.")).toBe("confirm");
    expect(classifyReply("Confirm")).toBe("confirm");
    expect(classifyReply("r")).toBe("reschedule");
    expect(classifyReply("RESCHEDULE")).toBe("reschedule");
    for (const other of ["", "ok", "see you then", "CC", "stop please"]) expect(classifyReply(other)).toBe("other");
  });
});

describe("twiml", () => {
  it("escapes the reply and answers an empty Response without one", () => {
    expect(twiml("a < b & c")).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Message>a &lt; b &amp; c</Message></Response>');
    expect(twiml(null)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});
