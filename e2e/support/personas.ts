import path from "node:path";

/** The demo password (scripts/demo-config.ts seeds every demo user with it). */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || "agentcare-demo";

export type Persona = { email: string; name: string; signInAt: string; storageState: string };

// Storage states live in the output directory: Playwright clears it at the start of each run, and
// it is git-ignored, so these short-lived session cookies are never committed.
const AUTH_DIR = path.join(process.cwd(), "test-results", ".auth");
const state = (name: string) => path.join(AUTH_DIR, `${name}.json`);

/**
 * One signed-in session per persona, made by auth.setup.ts. dr.patel@sunsetclinic.com is left out
 * on purpose: sign-in.spec.ts locks that account to prove throttling.
 */
export const PERSONAS = {
  /** ops@agentcare.dev: admin of both hospitals. */
  admin: { email: "ops@agentcare.dev", name: "Operations Admin", signInAt: "metro-general", storageState: state("admin") },
  /** dr.chen@metrogeneral.com: clinician at Metro General only. */
  clinician: { email: "dr.chen@metrogeneral.com", name: "Dr. Emily Chen", signInAt: "metro-general", storageState: state("clinician") },
  /** admin@metrogeneral.com: Metro General's owner, and nothing at Sunset Clinic — the attacker. */
  attacker: { email: "admin@metrogeneral.com", name: "Hospital Administrator", signInAt: "metro-general", storageState: state("attacker") },
  /** admin@sunsetclinic.com: Sunset Clinic's owner (the victim's own view, for ids and controls). */
  sunsetOwner: { email: "admin@sunsetclinic.com", name: "Clinic Administrator", signInAt: "sunset-clinic", storageState: state("sunset-owner") },
} satisfies Record<string, Persona>;

/** Only ever used by the throttling test (it ends locked for 15 minutes). */
export const THROTTLE_VICTIM = { email: "dr.patel@sunsetclinic.com", slug: "sunset-clinic" } as const;
