// The demo hospitals: fixed facts, no I/O. scripts/seed.ts writes them through the app's roles.
import type { Address, ContactInfo } from "@/lib/db/schema/organizations";
import type { BusinessHours } from "@/lib/db/schema/organization-settings";
import type { MemberRole } from "@/lib/db/schema/enums";
import type { InsuranceMode, IntakeQuestion } from "@/lib/db/schema/intake-values";

/** A provider's profile as the staff screens show it, all filled in, plus a sign-in for some. */
export type DemoProvider = Record<"key" | "name" | "title" | "specialty" | "licenseNumber" | "email" | "phone", string> & {
  offersTelehealth: boolean;
  userEmail?: string;
};

export type DemoType = {
  name: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  telehealthAllowed: boolean;
  onlineBookable: boolean;
  /** A kind of room or equipment each visit also holds at its location. */
  requiredResourceKind?: string | null;
};

/** An appointment type: bookable online unless said otherwise, no buffers or video unless named. */
function visit(
  name: string,
  durationMinutes: number,
  o: { before?: number; after?: number; video?: boolean; online?: boolean; room?: string } = {},
): DemoType {
  return {
    requiredResourceKind: o.room ?? null,
    name,
    durationMinutes,
    bufferBeforeMinutes: o.before ?? 0,
    bufferAfterMinutes: o.after ?? 0,
    telehealthAllowed: o.video ?? false,
    onlineBookable: o.online ?? true,
  };
}

export type DemoOrg = {
  name: string;
  slug: string;
  type: "hospital" | "clinic" | "practice";
  timeZone: string;
  plan: "basic" | "professional" | "enterprise";
  address: Address;
  contactInfo: ContactInfo;
  branding: { displayName: string; primaryColor: string; accentColor: string };
  settings: { enableTelehealth: boolean; businessHours: BusinessHours; defaultAppointmentDuration: number };
  providers: DemoProvider[];
  types: DemoType[];
  mrnPrefix: string;
  emailDomain: string;
  /** Locations (the first is the main one) with their rooms and equipment. */
  locations?: DemoLocation[];
  /** Providers (by key) placed away from the main location on some weekdays (1 = Monday). */
  providerWeeks?: Record<string, { location: string; weekdays: number[] }>;
  /**
   * Text messages turned on with a made-up Twilio account (nothing is sent unless SMS_DELIVERY is
   * on, and then Twilio refuses it), and how many of the first patients agreed to texts.
   */
  sms?: { accountSid: string; authToken: string; fromNumber: string; optedInPatients: number };
  /** Intake forms by appointment type name, whether bookings ask for insurance, and how many upcoming visits already have answers. */
  intake?: { insurance: InsuranceMode; forms: Record<string, Omit<IntakeQuestion, "id">[]>; answered: number };
  /** A weekly series booked as staff book one: a patient's visits with a provider on one weekday at one local time. */
  series?: DemoSeries;
};

export type DemoSeries = {
  /** The patient by medical record number. */
  patientMrn: string;
  /** The provider by key. */
  provider: string;
  /** The appointment type by name. */
  type: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local time in the organization's time zone, HH:MM. */
  time: string;
  visits: number;
  reason: string;
};

export type DemoLocation = { name: string; address: string; phone: string; timeZone: string; rooms: { name: string; kind: string }[] };

const weekdays = (start: string, end: string, saturday?: { start: string; end: string }): BusinessHours => ({
  monday: { start, end, isOpen: true },
  tuesday: { start, end, isOpen: true },
  wednesday: { start, end, isOpen: true },
  thursday: { start, end, isOpen: true },
  friday: { start, end, isOpen: true },
  saturday: { start: saturday?.start ?? "09:00", end: saturday?.end ?? "13:00", isOpen: Boolean(saturday) },
  sunday: { start: "09:00", end: "13:00", isOpen: false },
});

export const DEMO_ORGS: DemoOrg[] = [
  {
    name: "Metro General Hospital",
    slug: "metro-general",
    type: "hospital",
    timeZone: "America/New_York",
    plan: "enterprise",
    address: { street: "123 Medical Center Dr", city: "New York", state: "NY", zip: "10001", country: "USA" },
    contactInfo: { phone: "+1-555-0100", email: "info@metrogeneral.com" },
    branding: { displayName: "Metro General Hospital", primaryColor: "#1d4ed8", accentColor: "#f59e0b" },
    settings: {
      enableTelehealth: true,
      businessHours: weekdays("08:00", "18:00", { start: "09:00", end: "13:00" }),
      defaultAppointmentDuration: 30,
    },
    mrnPrefix: "MG",
    emailDomain: "metrogeneral.com",
    sms: {
      accountSid: "AC00000000000000000000000000000000",
      authToken: "demo0000000000000000000000000000",
      fromNumber: "+15550100199",
      optedInPatients: 4,
    },
    intake: {
      insurance: "optional",
      answered: 3,
      forms: {
        "New patient visit": [
          { kind: "short_text", label: "What would you like to be seen for?", help: null, required: true, choices: [] },
          { kind: "yes_no", label: "Do you have any allergies to medicines?", help: null, required: true, choices: [] },
          {
            kind: "choice",
            label: "How would you rate your general health?",
            help: null,
            required: false,
            choices: ["Excellent", "Good", "Fair", "Poor"],
          },
          { kind: "date", label: "When did you last see a doctor?", help: "An approximate date is fine.", required: false, choices: [] },
          {
            kind: "long_text",
            label: "Medicines you take and allergies",
            help: "Names and doses, and what happens with each allergy.",
            required: false,
            choices: [],
          },
        ],
      },
    },
    providers: [
      {
        key: "chen",
        name: "Dr. Emily Chen",
        title: "MD",
        specialty: "Internal Medicine",
        licenseNumber: "NY-IM-204811",
        email: "dr.chen@metrogeneral.com",
        phone: "+1-555-0111",
        offersTelehealth: true,
        userEmail: "dr.chen@metrogeneral.com",
      },
      {
        key: "okafor",
        name: "Dr. Daniel Okafor",
        title: "MD",
        specialty: "Cardiology",
        licenseNumber: "NY-CA-118230",
        email: "dr.okafor@metrogeneral.com",
        phone: "+1-555-0112",
        offersTelehealth: false,
      },
      {
        key: "rossi",
        name: "Dr. Maria Rossi",
        title: "DO",
        specialty: "Pediatrics",
        licenseNumber: "NY-PD-331907",
        email: "dr.rossi@metrogeneral.com",
        phone: "+1-555-0113",
        offersTelehealth: true,
      },
      // The same licence number exists at Sunset Clinic: uniqueness is per hospital.
      {
        key: "nguyen",
        name: "Dr. Lan Nguyen",
        title: "MD",
        specialty: "Dermatology",
        licenseNumber: "LIC-SHARED-0001",
        email: "dr.nguyen@metrogeneral.com",
        phone: "+1-555-0114",
        offersTelehealth: true,
      },
    ],
    types: [
      visit("New patient visit", 60, { after: 10 }),
      visit("Follow-up", 30, { video: true }),
      visit("Telehealth check-in", 20, { after: 5, video: true }),
      visit("Procedure", 90, { before: 15, after: 15, online: false, room: "procedure room" }),
    ],
    locations: [
      {
        name: "Main Campus",
        address: "123 Medical Center Dr, New York, NY 10001",
        phone: "+1-555-0100",
        timeZone: "America/New_York",
        rooms: [
          { name: "Procedure Room 1", kind: "procedure room" },
          { name: "Procedure Room 2", kind: "procedure room" },
          { name: "Exam Room 1", kind: "exam room" },
          { name: "Exam Room 2", kind: "exam room" },
        ],
      },
      {
        name: "Brooklyn Clinic",
        address: "456 Atlantic Ave, Brooklyn, NY 11217",
        phone: "+1-555-0150",
        timeZone: "America/New_York",
        rooms: [
          { name: "Procedure Room B1", kind: "procedure room" },
          { name: "Exam Room B1", kind: "exam room" },
        ],
      },
    ],
    providerWeeks: {
      rossi: { location: "Brooklyn Clinic", weekdays: [2, 4] },
    },
    series: {
      patientMrn: "MG-100005",
      provider: "rossi",
      type: "Follow-up",
      weekday: 5,
      time: "14:00",
      visits: 6,
      reason: "Weekly asthma review",
    },
  },
  {
    name: "Sunset Clinic",
    slug: "sunset-clinic",
    type: "clinic",
    timeZone: "America/Los_Angeles",
    plan: "professional",
    address: { street: "800 Ocean Ave", city: "Santa Monica", state: "CA", zip: "90401", country: "USA" },
    contactInfo: { phone: "+1-555-0200", email: "hello@sunsetclinic.com" },
    branding: { displayName: "Sunset Clinic", primaryColor: "#c2410c", accentColor: "#0e7490" },
    settings: { enableTelehealth: true, businessHours: weekdays("09:00", "17:00"), defaultAppointmentDuration: 30 },
    mrnPrefix: "SC",
    emailDomain: "sunsetclinic.com",
    providers: [
      {
        key: "patel",
        name: "Dr. Priya Patel",
        title: "MD",
        specialty: "Family Medicine",
        licenseNumber: "CA-FM-77120",
        email: "dr.patel@sunsetclinic.com",
        phone: "+1-555-0211",
        offersTelehealth: true,
        userEmail: "dr.patel@sunsetclinic.com",
      },
      {
        key: "garcia",
        name: "Dr. Luis Garcia",
        title: "MD",
        specialty: "Sports Medicine",
        licenseNumber: "CA-SM-80455",
        email: "dr.garcia@sunsetclinic.com",
        phone: "+1-555-0212",
        offersTelehealth: false,
      },
      {
        key: "kim",
        name: "Sarah Kim",
        title: "NP",
        specialty: "Women's Health",
        licenseNumber: "CA-NP-91230",
        email: "s.kim@sunsetclinic.com",
        phone: "+1-555-0213",
        offersTelehealth: true,
      },
      {
        key: "lee",
        name: "Dr. Jordan Lee",
        title: "MD",
        specialty: "Dermatology",
        licenseNumber: "LIC-SHARED-0001",
        email: "dr.lee@sunsetclinic.com",
        phone: "+1-555-0214",
        offersTelehealth: true,
      },
    ],
    types: [
      visit("Annual physical", 45, { after: 15 }),
      visit("Follow-up", 30, { video: true }),
      visit("Video consult", 20, { after: 5, video: true }),
    ],
  },
];

export type DemoUser = { email: string; name: string; memberships: { slug: string; role: MemberRole }[]; platformOperator?: boolean };

export const DEMO_USERS: DemoUser[] = [
  { email: "admin@metrogeneral.com", name: "Hospital Administrator", memberships: [{ slug: "metro-general", role: "owner" }] },
  { email: "admin@sunsetclinic.com", name: "Clinic Administrator", memberships: [{ slug: "sunset-clinic", role: "owner" }] },
  { email: "dr.chen@metrogeneral.com", name: "Dr. Emily Chen", memberships: [{ slug: "metro-general", role: "clinician" }] },
  { email: "dr.patel@sunsetclinic.com", name: "Dr. Priya Patel", memberships: [{ slug: "sunset-clinic", role: "clinician" }] },
  {
    email: "ops@agentcare.dev",
    name: "Operations Admin",
    platformOperator: true,
    memberships: [
      { slug: "metro-general", role: "admin" },
      { slug: "sunset-clinic", role: "admin" },
    ],
  },
];

const FIRST = [
  "James",
  "Mary",
  "Robert",
  "Patricia",
  "John",
  "Jennifer",
  "Michael",
  "Linda",
  "David",
  "Elizabeth",
  "William",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Sarah",
  "Carlos",
  "Karen",
  "Aisha",
  "Wei",
  "Fatima",
  "Mateo",
  "Olga",
  "Kenji",
];
const LAST = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Hernandez",
  "Lopez",
  "Gonzalez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Perez",
  "Thompson",
  "White",
  "Harris",
  "Clark",
];

export const REASONS = [
  "Annual check",
  "Persistent cough",
  "Follow-up on lab results",
  "Medication review",
  "Knee pain",
  "Rash",
  "Blood pressure check",
  "Headaches",
  "Back pain",
  "Vaccination",
];

/** Deterministic PRNG (mulberry32), so demo data is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoPatients(org: DemoOrg, count: number, seed: number) {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[Math.floor(rand() * FIRST.length)]!;
    const last = LAST[Math.floor(rand() * LAST.length)]!;
    const year = 1945 + Math.floor(rand() * 70);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    return {
      mrn: `${org.mrnPrefix}-${String(100001 + i)}`,
      firstName: first,
      lastName: last,
      dateOfBirth: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      // The first patient shares an e-mail across both hospitals on purpose: per-hospital uniqueness.
      email: i === 0 ? "shared.patient@example.com" : `${first}.${last}.${i}@example.com`.toLowerCase(),
      phone: `+1-555-${String(1000 + Math.floor(rand() * 9000))}`,
    };
  });
}
