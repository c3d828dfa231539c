// Plain constants shared by the provider list's page and its client component; kept apart from
// the zod schemas so the browser bundle does not carry zod for one number.

/** Rows per page of the staff screens' provider list. */
export const PROVIDER_PAGE_SIZE = 50;
