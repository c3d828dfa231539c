"use server";

import { calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from "@/lib/calendar-feeds/service";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { providerWeekSchema } from "@/lib/locations/schemas";
import { setProviderWeek } from "@/lib/locations/service";
import { idParam } from "@/lib/validation/fields";
import {
  clearOverrideSchema,
  offeredTypesActionSchema,
  overrideActionSchema,
  providerIdSchema,
  providerInputSchema,
  providerListSchema,
  providerUpdateSchema,
  removeTimeOffSchema,
  timeOffActionSchema,
  weeklyHoursActionSchema,
} from "@/lib/providers/schemas";
import {
  clearDateOverride,
  createProvider,
  listProviders,
  providerDetail,
  removeTimeOff,
  setDateOverride,
  setOfferedTypes,
  setWeeklyHours,
  updateProvider,
} from "@/lib/providers/service";
import { addTimeOffOverBookings } from "@/lib/scheduling/time-off";

/** Providers by name, one page at a time. */
export const listProvidersAction = tenantAction(
  { name: "providers.list", schema: providerListSchema, permission: "providers:read" },
  async (input, ctx) => listProviders(ctx, input),
);

/** A provider with weekly hours, offered types, upcoming overrides and time off. */
export const providerDetailAction = tenantAction(
  { name: "providers.detail", schema: providerIdSchema, permission: "providers:read" },
  async ({ id }, ctx) => providerDetail(ctx, id),
);

export const createProviderAction = tenantAction(
  { name: "providers.create", schema: providerInputSchema, permission: "providers:manage" },
  async (input, ctx) => createProvider(ctx, input),
);

/** Edits the details, or deactivates / reactivates with `active`. */
export const updateProviderAction = tenantAction(
  { name: "providers.update", schema: providerUpdateSchema, permission: "providers:manage" },
  async ({ id, ...patch }, ctx) => updateProvider(ctx, id, patch),
);

export const setWeeklyHoursAction = tenantAction(
  { name: "providers.hours", schema: weeklyHoursActionSchema, permission: "providers:manage" },
  async ({ id, hours }, ctx) => setWeeklyHours(ctx, id, hours),
);

export const setDateOverrideAction = tenantAction(
  { name: "providers.override.set", schema: overrideActionSchema, permission: "providers:manage" },
  async ({ id, date, ...override }, ctx) => setDateOverride(ctx, id, date, override),
);

export const clearDateOverrideAction = tenantAction(
  { name: "providers.override.clear", schema: clearOverrideSchema, permission: "providers:manage" },
  async ({ id, date }, ctx) => clearDateOverride(ctx, id, date),
);

/**
 * Adds time off. Over booked appointments it is refused (conflict:time_off_bookings, listing them)
 * until each is named in `cancelAppointmentIds` (cancelled, the patient told) or `keepAppointmentIds`.
 */
export const addTimeOffAction = tenantAction(
  { name: "providers.time-off.add", schema: timeOffActionSchema, permission: "providers:manage" },
  async ({ id, ...timeOff }, ctx) => addTimeOffOverBookings(ctx, id, timeOff),
);

export const removeTimeOffAction = tenantAction(
  { name: "providers.time-off.remove", schema: removeTimeOffSchema, permission: "providers:manage" },
  async ({ id, timeOffId }, ctx) => removeTimeOff(ctx, id, timeOffId),
);

/** Where the provider works on each weekday (replaces the week; days left out: the main location). */
export const setProviderLocationsAction = tenantAction(
  { name: "providers.locations", schema: providerWeekSchema.extend({ id: idParam }), permission: "providers:manage" },
  async ({ id, days }, ctx) => setProviderWeek(ctx, id, days),
);

export const setOfferedTypesAction = tenantAction(
  { name: "providers.offered-types", schema: offeredTypesActionSchema, permission: "providers:manage" },
  async ({ id, appointmentTypeIds }, ctx) => setOfferedTypes(ctx, id, appointmentTypeIds),
);

/** Whether the provider has a working calendar feed, and whether this member may manage it. */
export const calendarFeedStatusAction = tenantAction(
  { name: "providers.calendar_feed.status", schema: providerIdSchema, permission: "providers:read" },
  async ({ id }, ctx) => calendarFeedStatus(ctx, id),
);

/** A new feed address (shown once); the provider's previous address stops working. */
export const createCalendarFeedAction = tenantAction(
  { name: "providers.calendar_feed.create", schema: providerIdSchema, permission: "providers:read" },
  async ({ id }, ctx) => createCalendarFeed(ctx, id),
);

export const revokeCalendarFeedAction = tenantAction(
  { name: "providers.calendar_feed.revoke", schema: providerIdSchema, permission: "providers:read" },
  async ({ id }, ctx) => revokeCalendarFeed(ctx, id),
);
