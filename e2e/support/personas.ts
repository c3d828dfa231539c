import path from "node:path";

/** The demo password (scripts/demo-config.ts seeds every demo user with it). */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || "agentcare-demo";

export type Persona = { email: string; name: string; signInAt: string; storageState: string };

// Storage states live in the output directory: Playwright clears it at the start of each run, and
// it is git-ignored, so these short-lived session cookies are never committed.
const AUTH_DIR = path.join(process.cwd(), "test-results", ".auth");
const state = (name: string) => path.join(AUTH_DIR, `${name}.json`);

/**
 * One signed-in session per persona, made by auth.setup.ts. dr.patel@sunsetclinic.com signs in there
 * too, before anything else runs: sign-in.spec.ts (project "anonymous", which depends on "setup")
 * later locks that account to prove throttling, and a lock refuses new sign-ins, not sessions.
 */
export const PERSONAS = {
  /** ops@agentcare.dev: admin of both hospitals. */
  admin: { email: "ops@agentcare.dev", name: "Operations Admin", signInAt: "metro-general", storageState: state("admin") },
  /** dr.chen@metrogeneral.com: clinician at Metro General only. */
  clinician: { email: "dr.chen@metrogeneral.com", name: "Dr. Emily Chen", signInAt: "metro-general", storageState: state("clinician") },
  /** admin@metrogeneral.com: Metro General's owner, and nothing at Sunset Clinic — the attacker. */
  attacker: { email: "admin@metrogeneral.com", name: "Hospital Administrator", signInAt: "metro-general", storageState: state("attacker") },
  /** admin@sunsetclinic.com: Sunset Clinic's owner (the victim's own view, for ids and controls). */
  sunsetOwner: {
    email: "admin@sunsetclinic.com",
    name: "Clinic Administrator",
    signInAt: "sunset-clinic",
    storageState: state("sunset-owner"),
  },
  /** dr.patel@sunsetclinic.com: clinician at Sunset Clinic, linked to provider "Dr. Priya Patel". */
  sunsetClinician: {
    email: "dr.patel@sunsetclinic.com",
    name: "Dr. Priya Patel",
    signInAt: "sunset-clinic",
    storageState: state("sunset-clinician"),
  },
} satisfies Record<string, Persona>;

/** The throttling test's account (it ends locked for 15 minutes; its session from auth.setup.ts lives on). */
export const THROTTLE_VICTIM = { email: "dr.patel@sunsetclinic.com", slug: "sunset-clinic" } as const;
