"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, type ComponentProps } from "react";
import type { SlotPicker as EagerSlotPicker } from "./slot-picker";

// The month of free times is needed only once a patient gets to choosing a time (booking) or asks
// to move a visit (the manage page): it is its own chunk, which those pages fetch early with
// `preloadSlotPicker` so that the step never waits for its code.

const load = () => import("./slot-picker");
const Lazy = lazy(() => load().then((m) => ({ default: m.SlotPicker })));

export function SlotPicker(props: ComponentProps<typeof EagerSlotPicker>) {
  const t = useTranslations("Slots");
  return (
    <Suspense fallback={<p className="text-slate-600">{t("loading")}</p>}>
      <Lazy {...props} />
    </Suspense>
  );
}

export function preloadSlotPicker(): void {
  void load();
}
