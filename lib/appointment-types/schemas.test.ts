import { describe, expect, it } from "vitest";
import { appointmentTypeInputSchema, appointmentTypePatchSchema } from "./schemas";

describe("appointment type schemas", () => {
  it("gives a new type no buffers unless it names them", () => {
    expect(appointmentTypeInputSchema.parse({ name: "Visit", durationMinutes: "30" })).toMatchObject({
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
    });
  });

  it("changes only what an edit names: a rename keeps the buffers", () => {
    expect(appointmentTypePatchSchema.parse({ name: "Checkup" })).toEqual({ name: "Checkup" });
  });
});
