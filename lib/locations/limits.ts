// Plain numbers shared by the forms and the server.

/** Locations per organization (active or not). */
export const MAX_LOCATIONS = 50;
/** Resources per location. */
export const MAX_RESOURCES_PER_LOCATION = 100;
