// AgentCare's records as FHIR R4 resources (JSON). Pure: the service reads, these shape.

import type { Appointment, AppointmentType, Location, Organization, Patient, Provider } from "@/lib/db/schema";
import type { AppointmentMode, AppointmentStatus } from "@/lib/db/schema/enum-values";
import { SITE_LOCATION_ID, scheduleId, slotId } from "./ids";

export type FhirResource = { resourceType: string; id?: string; [field: string]: unknown };

/** Code systems for AgentCare's own codes (absolute URIs, as FHIR asks). */
export const SYSTEMS = {
  appointmentType: "urn:agentcare:appointment-type",
  mrn: "urn:agentcare:mrn",
  license: "urn:agentcare:provider-license",
  error: "urn:agentcare:error",
} as const;

const TIMEZONE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/timezone";
export const BOOKING_DEEP_LINK = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link";
export const BOOKING_PHONE = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone";

const meta = (updatedAt: Date) => ({ lastUpdated: updatedAt.toISOString() });
const present = <T>(values: (T | null | undefined | false)[]): T[] => values.filter((v): v is T => Boolean(v));

export function serviceTypeOf(type: Pick<AppointmentType, "id" | "name">) {
  return { coding: [{ system: SYSTEMS.appointmentType, code: type.id, display: type.name }], text: type.name };
}

export function practitioner(p: Provider): FhirResource {
  return {
    resourceType: "Practitioner",
    id: p.id,
    meta: meta(p.updatedAt),
    ...(p.licenseNumber ? { identifier: [{ use: "official", system: SYSTEMS.license, value: p.licenseNumber }] } : {}),
    active: p.active,
    name: [{ text: p.name }],
    ...(p.email || p.phone
      ? {
          telecom: present([
            p.phone && { system: "phone", value: p.phone, use: "work" },
            p.email && { system: "email", value: p.email, use: "work" },
          ]),
        }
      : {}),
    ...(p.specialty || p.title ? { qualification: [{ code: { text: p.specialty ?? p.title } }] } : {}),
  };
}

export function location(l: Location, organization: Pick<Organization, "name">): FhirResource {
  return {
    resourceType: "Location",
    id: l.id,
    meta: meta(l.updatedAt),
    extension: [{ url: TIMEZONE_EXTENSION, valueCode: l.timeZone }],
    status: l.active ? "active" : "inactive",
    name: l.name,
    mode: "instance",
    ...(l.phone ? { telecom: [{ system: "phone", value: l.phone, use: "work" }] } : {}),
    ...(l.address ? { address: { text: l.address } } : {}),
    managingOrganization: { display: organization.name },
  };
}

/** An organization without locations of its own: its site, from its address and contact details. */
export function siteLocation(o: Organization, displayName: string): FhirResource {
  const a = o.address;
  const line = a.street ? [a.street] : undefined;
  const text = [a.street, a.city, [a.state, a.zip].filter(Boolean).join(" "), a.country].filter(Boolean).join(", ");
  return {
    resourceType: "Location",
    id: SITE_LOCATION_ID,
    meta: meta(o.updatedAt),
    extension: [{ url: TIMEZONE_EXTENSION, valueCode: o.timeZone }],
    status: "active",
    name: displayName,
    mode: "instance",
    ...(o.contactInfo.phone ? { telecom: [{ system: "phone", value: o.contactInfo.phone, use: "work" }] } : {}),
    ...(text
      ? {
          address: {
            text,
            ...(line ? { line } : {}),
            ...(a.city ? { city: a.city } : {}),
            ...(a.state ? { state: a.state } : {}),
            ...(a.zip ? { postalCode: a.zip } : {}),
            ...(a.country ? { country: a.country } : {}),
          },
        }
      : {}),
    managingOrganization: { display: displayName },
  };
}

export type ScheduleRow = { provider: Provider; location: { id: string; name: string; active: boolean } | null; types: AppointmentType[] };

export function schedule({ provider, location: place, types }: ScheduleRow): FhirResource {
  return {
    resourceType: "Schedule",
    id: scheduleId(provider.id, place?.id ?? null),
    meta: meta(provider.updatedAt),
    active: provider.active && (place?.active ?? true),
    ...(types.length ? { serviceType: types.map(serviceTypeOf) } : {}),
    actor: [
      { reference: `Location/${place?.id ?? SITE_LOCATION_ID}`, ...(place ? { display: place.name } : {}) },
      { reference: `Practitioner/${provider.id}`, display: provider.name },
    ],
  };
}

export type SlotRow = {
  providerId: string;
  locationId: string | null;
  type: AppointmentType;
  mode: AppointmentMode;
  startsAt: Date;
  endsAt: Date;
};

export function slot(s: SlotRow, booking?: { url: string; phone: string | null }): FhirResource {
  const extension = booking
    ? present([{ url: BOOKING_DEEP_LINK, valueUrl: booking.url }, booking.phone && { url: BOOKING_PHONE, valueString: booking.phone }])
    : [];
  return {
    resourceType: "Slot",
    id: slotId({ providerId: s.providerId, appointmentTypeId: s.type.id, startsAt: s.startsAt, mode: s.mode }),
    ...(extension.length ? { extension } : {}),
    serviceType: [serviceTypeOf(s.type)],
    schedule: { reference: `Schedule/${scheduleId(s.providerId, s.locationId)}` },
    status: "free",
    start: s.startsAt.toISOString(),
    end: s.endsAt.toISOString(),
    ...(s.mode === "telehealth" ? { comment: "Video visit" } : {}),
  };
}

/** AgentCare's appointment statuses as FHIR's, and back (a FHIR status may stand for several). */
export const FHIR_APPOINTMENT_STATUS: Record<AppointmentStatus, string> = {
  scheduled: "booked",
  confirmed: "booked",
  checked_in: "arrived",
  completed: "fulfilled",
  cancelled: "cancelled",
  no_show: "noshow",
};

export function statusesFor(fhirStatus: string): AppointmentStatus[] {
  return (Object.entries(FHIR_APPOINTMENT_STATUS) as [AppointmentStatus, string][]).filter(([, f]) => f === fhirStatus).map(([s]) => s);
}

export function appointment(
  a: Appointment,
  names: { type?: Pick<AppointmentType, "id" | "name">; provider?: string; location?: string | null },
): FhirResource {
  return {
    resourceType: "Appointment",
    id: a.id,
    meta: meta(a.updatedAt),
    status: FHIR_APPOINTMENT_STATUS[a.status],
    ...(a.cancelReason ? { cancelationReason: { text: a.cancelReason } } : {}),
    ...(names.type ? { serviceType: [serviceTypeOf(names.type)] } : {}),
    ...(a.reason ? { reasonCode: [{ text: a.reason }] } : {}),
    start: a.startsAt.toISOString(),
    end: a.endsAt.toISOString(),
    minutesDuration: Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000),
    created: a.createdAt.toISOString(),
    ...(a.mode === "telehealth" ? { comment: "Video visit" } : {}),
    participant: present([
      { actor: { reference: `Patient/${a.patientId}` }, required: "required", status: "accepted" },
      {
        actor: { reference: `Practitioner/${a.providerId}`, ...(names.provider ? { display: names.provider } : {}) },
        required: "required",
        status: "accepted",
      },
      a.locationId && {
        actor: { reference: `Location/${a.locationId}`, ...(names.location ? { display: names.location } : {}) },
        required: "required",
        status: "accepted",
      },
    ]),
  };
}

export function patient(p: Patient): FhirResource {
  return {
    resourceType: "Patient",
    id: p.id,
    meta: meta(p.updatedAt),
    identifier: [
      {
        use: "usual",
        type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] },
        system: SYSTEMS.mrn,
        value: p.mrn,
      },
    ],
    active: p.recordStatus !== "merged",
    name: [{ use: "official", family: p.lastName, given: [p.firstName] }],
    ...(p.email || p.phone
      ? { telecom: present([p.phone && { system: "phone", value: p.phone }, p.email && { system: "email", value: p.email }]) }
      : {}),
    birthDate: p.dateOfBirth,
    communication: [{ language: { coding: [{ system: "urn:ietf:bcp:47", code: p.preferredLanguage }] }, preferred: true }],
    ...(p.recordStatus === "merged" && p.mergedIntoId
      ? { link: [{ other: { reference: `Patient/${p.mergedIntoId}` }, type: "replaced-by" }] }
      : {}),
  };
}

/** An OperationOutcome for an error AgentCare answers: the FHIR issue code for its HTTP status. */
export function operationOutcome(status: number, code: string, message: string): FhirResource {
  const issue =
    status === 400
      ? "invalid"
      : status === 401
        ? "login"
        : status === 402 || status === 403
          ? "forbidden"
          : status === 404
            ? "not-found"
            : status === 409
              ? "conflict"
              : status === 429
                ? "throttled"
                : status === 503
                  ? "transient"
                  : "exception";
  return {
    resourceType: "OperationOutcome",
    issue: [
      { severity: "error", code: issue, details: { coding: [{ system: SYSTEMS.error, code }], text: message }, diagnostics: message },
    ],
  };
}
