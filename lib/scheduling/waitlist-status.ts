// A waiting-list entry's statuses, as plain constants the staff screen and the schemas share.
export const WAITLIST_STATUSES = ["waiting", "offered", "booked", "cancelled"] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];
