// Plain numbers shared by the forms and the server.

/** Locations per organization (active or not). */
export const MAX_LOCATIONS = 50;
/** Resources per location. */
export const MAX_RESOURCES_PER_LOCATION = 100;

/** "Procedure  Room" → "procedure room": resource kinds (on resources and on appointment types) compare in this form. */
export function normalizeKind(kind: string): string {
  return kind.replace(/\s+/g, " ").toLowerCase();
}
