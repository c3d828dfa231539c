"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, type ComponentProps } from "react";
import { preloadSlotPicker } from "@/components/scheduling/lazy-slot-picker";
import type { DetailsForm as EagerDetailsForm } from "./details-form";
import type { WaitlistForm as EagerWaitlistForm } from "./waitlist-form";

// The booking steps after the first (the month of free times, the patient's details, the waiting
// list) are separate chunks: the page's first load carries only the choice of appointment, and
// `preloadLaterSteps` fetches the rest while the patient reads it, so no step waits for its code.

export { SlotPicker } from "@/components/scheduling/lazy-slot-picker";

const loadDetails = () => import("./details-form");
const loadWaitlist = () => import("./waitlist-form");
const LazyDetailsForm = lazy(() => loadDetails().then((m) => ({ default: m.DetailsForm })));
const LazyWaitlistForm = lazy(() => loadWaitlist().then((m) => ({ default: m.WaitlistForm })));
function Loading() {
  const t = useTranslations("Booking");
  return <p className="text-slate-600">{t("loading")}</p>;
}

export function DetailsForm(props: ComponentProps<typeof EagerDetailsForm>) {
  return (
    <Suspense fallback={<Loading />}>
      <LazyDetailsForm {...props} />
    </Suspense>
  );
}

export function WaitlistForm(props: ComponentProps<typeof EagerWaitlistForm>) {
  return (
    <Suspense fallback={<Loading />}>
      <LazyWaitlistForm {...props} />
    </Suspense>
  );
}

export function preloadLaterSteps(): void {
  preloadSlotPicker();
  void loadDetails();
  void loadWaitlist();
}
