"use client";

import { useEffect, useState } from "react";

/** The current time, refreshed every `everyMs` (for the schedule's current-time line); null before the page is interactive. */
export function useNow(everyMs = 60_000): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
