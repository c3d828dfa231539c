"use client";

import dynamic from "next/dynamic";
import { preloadSlotPicker } from "@/components/scheduling/lazy-slot-picker";

// The booking steps after the first (the month of free times, the patient's details, the waiting
// list) are separate chunks: the page's first load carries only the choice of appointment, and
// `preloadLaterSteps` fetches the rest while the patient reads it, so no step waits for its code.

export { SlotPicker } from "@/components/scheduling/lazy-slot-picker";

const loading = () => <p className="text-slate-600">Loading…</p>;

export const DetailsForm = dynamic(() => import("./details-form").then((m) => m.DetailsForm), { loading });
export const WaitlistForm = dynamic(() => import("./waitlist-form").then((m) => m.WaitlistForm), { loading });

export function preloadLaterSteps(): void {
  preloadSlotPicker();
  void import("./details-form");
  void import("./waitlist-form");
}
