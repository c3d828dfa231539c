// FHIR ids for what AgentCare computes rather than stores. Ids are [A-Za-z0-9-.]{1,64}.
//
// Schedule: one per provider and place they work — the provider's uuid and the location's, as 32
// hex digits each (64 characters); at an organization without locations, the provider's alone
// (its one place is the organization's site, Location/site).
// Slot: a free time of one appointment type with one provider — provider (16 bytes), type (16),
// start in minutes since the epoch (4) and visit mode (1), in base64url with "." for "_" (FHIR
// ids allow no underscore): 50 characters. Reading one
// recomputes it: a slot that is no longer free is gone.

import type { AppointmentMode } from "@/lib/db/schema/enum-values";

/** The organization's own site, where it has no locations of its own. */
export const SITE_LOCATION_ID = "site";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX32 = /^[0-9a-f]{32}$/;

const hex = (uuid: string) => uuid.replaceAll("-", "");
const uuidOf = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function scheduleId(providerId: string, locationId: string | null): string {
  return locationId ? `${hex(providerId)}${hex(locationId)}` : hex(providerId);
}

export function parseScheduleId(id: string): { providerId: string; locationId: string | null } | null {
  const lower = id.toLowerCase();
  if (lower.length === 32 && HEX32.test(lower)) return { providerId: uuidOf(lower), locationId: null };
  if (lower.length === 64 && HEX32.test(lower.slice(0, 32)) && HEX32.test(lower.slice(32))) {
    return { providerId: uuidOf(lower.slice(0, 32)), locationId: uuidOf(lower.slice(32)) };
  }
  return null;
}

export type SlotKey = { providerId: string; appointmentTypeId: string; startsAt: Date; mode: AppointmentMode };

const MODES: AppointmentMode[] = ["in_person", "telehealth"];

export function slotId(key: SlotKey): string {
  const bytes = Buffer.alloc(37);
  Buffer.from(hex(key.providerId), "hex").copy(bytes, 0);
  Buffer.from(hex(key.appointmentTypeId), "hex").copy(bytes, 16);
  bytes.writeUInt32BE(Math.floor(key.startsAt.getTime() / 60_000), 32);
  bytes.writeUInt8(MODES.indexOf(key.mode), 36);
  return bytes.toString("base64url").replaceAll("_", ".");
}

export function parseSlotId(id: string): SlotKey | null {
  if (!/^[A-Za-z0-9.-]{50}$/.test(id)) return null;
  const raw = id.replaceAll(".", "_");
  const bytes = Buffer.from(raw, "base64url");
  if (bytes.length !== 37 || bytes.toString("base64url") !== raw) return null;
  const mode = MODES[bytes.readUInt8(36)];
  if (!mode) return null;
  return {
    providerId: uuidOf(bytes.subarray(0, 16).toString("hex")),
    appointmentTypeId: uuidOf(bytes.subarray(16, 32).toString("hex")),
    startsAt: new Date(bytes.readUInt32BE(32) * 60_000),
    mode,
  };
}
