// The public booking flow's state as it lives in the page address (so Back and reload keep the
// patient's place), which step that state is on, and which choices each step may offer. Pure and
// client-safe: the booking page and its tests share it.

export type VisitMode = "in_person" | "telehealth";
export const ANY_PROVIDER = "any";

export type BookingType = { id: string; telehealthAllowed: boolean };
export type BookingProvider = {
  id: string;
  offersTelehealth: boolean;
  appointmentTypeIds: string[];
  /** The locations the provider works at on some weekday (empty where the organization has none). */
  locationIds?: string[];
};
export type BookingLocation = { id: string };

/** What the address says: `type`, `mode`, `provider` (an id or "any"), `date`, `time` (an instant) and `with` (the time's provider). */
export type BookingSelection = {
  /** Where the organization has several locations: the one chosen first. */
  location?: string;
  type?: string;
  mode?: VisitMode;
  provider?: string;
  date?: string;
  time?: string;
  with?: string;
};

export type BookingStep = "location" | "type" | "mode" | "provider" | "time" | "details";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEYS = ["location", "type", "mode", "provider", "date", "time", "with"] as const;

export function readSelection(params: { get(name: string): string | null }): BookingSelection {
  const selection: BookingSelection = {};
  const location = params.get("location");
  if (location) selection.location = location;
  const type = params.get("type");
  if (type) selection.type = type;
  const mode = params.get("mode");
  if (mode === "in_person" || mode === "telehealth") selection.mode = mode;
  const provider = params.get("provider");
  if (provider) selection.provider = provider;
  const date = params.get("date");
  if (date && DATE.test(date)) selection.date = date;
  const time = params.get("time");
  if (time && !Number.isNaN(Date.parse(time))) selection.time = time;
  const withProvider = params.get("with");
  if (withProvider) selection.with = withProvider;
  return selection;
}

/** The query string for a selection, in a stable order. */
export function selectionQuery(selection: BookingSelection): string {
  const q = new URLSearchParams();
  for (const key of KEYS) {
    const value = selection[key];
    if (value) q.set(key, value);
  }
  return q.toString();
}

/** Providers who see this type online, in this mode: never a pairing the booking would then refuse. */
export function providersFor<P extends BookingProvider>(providers: P[], typeId: string, mode: VisitMode): P[] {
  return providers.filter((p) => p.appointmentTypeIds.includes(typeId) && (mode === "in_person" || p.offersTelehealth));
}

/** The modes this type can be booked in online: video only when the type allows it and someone offers it. */
export function modesFor(type: BookingType, providers: BookingProvider[]): VisitMode[] {
  const video = type.telehealthAllowed && providersFor(providers, type.id, "telehealth").length > 0;
  return video ? ["in_person", "telehealth"] : ["in_person"];
}

/**
 * The selection with every choice that no longer fits dropped (an unknown type, a mode the type
 * cannot have, a provider who does not offer it), and the step it is on: the first missing choice.
 */
export function resolveSelection(
  selection: BookingSelection,
  types: BookingType[],
  allProviders: BookingProvider[],
  locations: BookingLocation[] = [],
): { selection: BookingSelection; step: BookingStep; modes: VisitMode[] } {
  // With several locations the patient chooses one first, and sees the providers who work there.
  const location = locations.length > 1 && locations.some((l) => l.id === selection.location) ? selection.location : undefined;
  if (locations.length > 1 && !location) return { selection: {}, step: "location", modes: [] };
  const at = location ? { location } : {};
  const providers = location ? allProviders.filter((p) => p.locationIds?.includes(location)) : allProviders;
  const type = types.find((t) => t.id === selection.type);
  if (!type) return { selection: at, step: "type", modes: [] };
  const modes = modesFor(type, providers);
  const mode = selection.mode && modes.includes(selection.mode) ? selection.mode : modes.length === 1 ? modes[0] : undefined;
  if (!mode) return { selection: { ...at, type: type.id }, step: "mode", modes };
  const offered = providersFor(providers, type.id, mode);
  const provider = selection.provider === ANY_PROVIDER || offered.some((p) => p.id === selection.provider) ? selection.provider : undefined;
  if (!provider) return { selection: { ...at, type: type.id, mode }, step: "provider", modes };
  const base = { ...at, type: type.id, mode, provider, ...(selection.date ? { date: selection.date } : {}) };
  const withProvider = provider === ANY_PROVIDER ? selection.with : provider;
  if (!selection.time || !withProvider || !offered.some((p) => p.id === withProvider)) return { selection: base, step: "time", modes };
  return { selection: { ...base, time: selection.time, with: withProvider }, step: "details", modes };
}

/** The steps a patient walks for this type, in order (the location and mode steps only when there is a choice). */
export function stepsFor(modes: VisitMode[], chooseLocation = false): BookingStep[] {
  const steps: BookingStep[] = modes.length > 1 ? ["type", "mode", "provider", "time", "details"] : ["type", "provider", "time", "details"];
  return chooseLocation ? ["location", ...steps] : steps;
}

const PLAIN_DATE_OF_BIRTH = "Enter your date of birth as day, month and year, for example 23 April 1985.";

/**
 * A server's field errors in the form's words: keys without their `patient.` prefix, and a date of
 * birth the server could not read asked for again in plain words.
 */
export function plainFieldErrors(fieldErrors: Record<string, string[]> | undefined): Record<string, string[]> {
  const plain: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fieldErrors ?? {})) {
    const field = key.replace(/^patient\./, "");
    plain[field] = messages.map((m) => {
      const message = m.replace(/^[\w.]+:\s*/, "");
      if (field === "dateOfBirth" && /Use a date like|Invalid|expected/i.test(message)) return PLAIN_DATE_OF_BIRTH;
      return message;
    });
  }
  return plain;
}
