"use client";

import dynamic from "next/dynamic";

// The month of free times is needed only once a patient gets to choosing a time (booking) or asks
// to move a visit (the manage page): it is its own chunk, which those pages fetch early with
// `preloadSlotPicker` so that the step never waits for its code.

export const SlotPicker = dynamic(() => import("./slot-picker").then((m) => m.SlotPicker), {
  loading: () => <p className="text-slate-600">Loading…</p>,
});

export function preloadSlotPicker(): void {
  void import("./slot-picker");
}
