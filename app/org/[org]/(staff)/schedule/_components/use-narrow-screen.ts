"use client";

import { useSyncExternalStore } from "react";

/** Phones and narrow windows (640 px or less) get the day list instead of the time grid. */
const QUERY = "(max-width: 640px)";

const subscribe = (onChange: () => void) => {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
};

/** Whether the screen is narrow; null while the page is rendered on the server (neither layout is known yet). */
export function useNarrowScreen(): boolean | null {
  return useSyncExternalStore<boolean | null>(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => null,
  );
}
