"use server";

import { z } from "zod";
import { locationInputSchema, locationPatchSchema, resourceInputSchema, resourcePatchSchema } from "@/lib/locations/schemas";
import { createLocation, createResource, listLocations, listResources, updateLocation, updateResource } from "@/lib/locations/service";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { idParam } from "@/lib/validation/fields";

/** Every location (closed ones too, oldest first) with its rooms and equipment. */
export const locationsOverviewAction = tenantAction(
  { name: "locations.overview", schema: z.object({}), permission: "settings:manage" },
  async (_input, ctx) => {
    const [locations, resources] = [await listLocations(ctx), await listResources(ctx)];
    return locations.map((location) => ({ ...location, resources: resources.filter((r) => r.locationId === location.id) }));
  },
);

export const createLocationAction = tenantAction(
  { name: "locations.create", schema: locationInputSchema, permission: "settings:manage" },
  async (input, ctx) => createLocation(ctx, input),
);

export const updateLocationAction = tenantAction(
  { name: "locations.update", schema: locationPatchSchema.extend({ id: idParam }), permission: "settings:manage" },
  async ({ id, ...patch }, ctx) => updateLocation(ctx, id, patch),
);

export const createResourceAction = tenantAction(
  { name: "resources.create", schema: resourceInputSchema, permission: "settings:manage" },
  async (input, ctx) => createResource(ctx, input),
);

export const updateResourceAction = tenantAction(
  { name: "resources.update", schema: resourcePatchSchema.extend({ id: idParam }), permission: "settings:manage" },
  async ({ id, ...patch }, ctx) => updateResource(ctx, id, patch),
);
