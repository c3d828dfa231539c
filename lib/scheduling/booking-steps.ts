// The public booking flow's state as it lives in the page address (so Back and reload keep the
// patient's place), which step that state is on, and which choices each step may offer. Pure and
// client-safe: the booking page and its tests share it.

export type VisitMode = "in_person" | "telehealth";
export const ANY_PROVIDER = "any";

export type BookingType = { id: string; telehealthAllowed: boolean };
export type BookingProvider = { id: string; offersTelehealth: boolean; appointmentTypeIds: string[] };

/** What the address says: `type`, `mode`, `provider` (an id or "any"), `date`, `time` (an instant) and `with` (the time's provider). */
export type BookingSelection = {
  type?: string;
  mode?: VisitMode;
  provider?: string;
  date?: string;
  time?: string;
  with?: string;
};

export type BookingStep = "type" | "mode" | "provider" | "time" | "details";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEYS = ["type", "mode", "provider", "date", "time", "with"] as const;

export function readSelection(params: { get(name: string): string | null }): BookingSelection {
  const selection: BookingSelection = {};
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
  providers: BookingProvider[],
): { selection: BookingSelection; step: BookingStep; modes: VisitMode[] } {
  const type = types.find((t) => t.id === selection.type);
  if (!type) return { selection: {}, step: "type", modes: [] };
  const modes = modesFor(type, providers);
  const mode = selection.mode && modes.includes(selection.mode) ? selection.mode : modes.length === 1 ? modes[0] : undefined;
  if (!mode) return { selection: { type: type.id }, step: "mode", modes };
  const offered = providersFor(providers, type.id, mode);
  const provider = selection.provider === ANY_PROVIDER || offered.some((p) => p.id === selection.provider) ? selection.provider : undefined;
  if (!provider) return { selection: { type: type.id, mode }, step: "provider", modes };
  const base = { type: type.id, mode, provider, ...(selection.date ? { date: selection.date } : {}) };
  const withProvider = provider === ANY_PROVIDER ? selection.with : provider;
  if (!selection.time || !withProvider || !offered.some((p) => p.id === withProvider)) return { selection: base, step: "time", modes };
  return { selection: { ...base, time: selection.time, with: withProvider }, step: "details", modes };
}

/** The steps a patient walks for this type, in order (the mode step only when there is a choice). */
export function stepsFor(modes: VisitMode[]): BookingStep[] {
  return modes.length > 1 ? ["type", "mode", "provider", "time", "details"] : ["type", "provider", "time", "details"];
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
