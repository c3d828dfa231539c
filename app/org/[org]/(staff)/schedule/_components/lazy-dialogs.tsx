"use client";

import { lazy, Suspense, type ComponentProps } from "react";
import type { AppointmentPanel as EagerAppointmentPanel } from "./appointment-panel";
import type { BookDialog as EagerBookDialog } from "./book-dialog";
import type { MoveDialog as EagerMoveDialog } from "./move-dialog";

// The appointment panel and the booking and move dialogs open only when asked for: they are their
// own chunks, so the schedule draws without them, and `preloadScheduleDialogs` fetches them once
// the day is shown, before anyone clicks.

const loadPanel = () => import("./appointment-panel");
const loadBook = () => import("./book-dialog");
const loadMove = () => import("./move-dialog");
const LazyAppointmentPanel = lazy(() => loadPanel().then((m) => ({ default: m.AppointmentPanel })));
const LazyBookDialog = lazy(() => loadBook().then((m) => ({ default: m.BookDialog })));
const LazyMoveDialog = lazy(() => loadMove().then((m) => ({ default: m.MoveDialog })));

export function AppointmentPanel(props: ComponentProps<typeof EagerAppointmentPanel>) {
  return (
    <Suspense fallback={null}>
      <LazyAppointmentPanel {...props} />
    </Suspense>
  );
}

export function BookDialog(props: ComponentProps<typeof EagerBookDialog>) {
  return (
    <Suspense fallback={null}>
      <LazyBookDialog {...props} />
    </Suspense>
  );
}

export function MoveDialog(props: ComponentProps<typeof EagerMoveDialog>) {
  return (
    <Suspense fallback={null}>
      <LazyMoveDialog {...props} />
    </Suspense>
  );
}

export function preloadScheduleDialogs(): void {
  void loadPanel();
  void loadBook();
  void loadMove();
}
