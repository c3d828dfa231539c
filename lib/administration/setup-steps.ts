// Pure: the new organization's setup checklist, from facts the dashboard loads.
import { isCustomBranding } from "./branding-defaults";

export type SetupFacts = {
  /** Business hours differ from AgentCare's defaults, or the scheduling settings were saved since creation. */
  businessHoursSet: boolean;
  providers: number;
  appointmentTypes: number;
  branding: { logoUrl: string | null; primaryColor: string; accentColor: string };
  members: number;
  openInvitations: number;
};

export type SetupStep = { id: string; label: string; description: string; href: string; done: boolean };

export function setupSteps(facts: SetupFacts): SetupStep[] {
  return [
    {
      id: "hours",
      label: "Set your business hours",
      description: "When you are open, and how far ahead patients can book.",
      href: "/settings/scheduling",
      done: facts.businessHoursSet,
    },
    {
      id: "provider",
      label: "Add a provider",
      description: "The doctors and clinicians patients book with.",
      href: "/providers/new",
      done: facts.providers > 0,
    },
    {
      id: "type",
      label: "Create an appointment type",
      description: "What patients book: a new-patient visit, a follow-up…",
      href: "/appointment-types",
      done: facts.appointmentTypes > 0,
    },
    {
      id: "branding",
      label: "Customise your branding",
      description: "Your logo and colours on staff pages and the booking site.",
      href: "/settings/branding",
      done: isCustomBranding(facts.branding),
    },
    {
      id: "team",
      label: "Invite your team",
      description: "Administrators, clinicians and front-desk staff.",
      href: "/settings/members",
      done: facts.members > 1 || facts.openInvitations > 0,
    },
  ];
}

/** True when the business hours are not the ones every organization starts with. */
export function hoursChanged(
  hours: Record<string, { start: string; end: string; isOpen: boolean }>,
  defaults: Record<string, { start: string; end: string; isOpen: boolean }>,
): boolean {
  return Object.keys(defaults).some((day) => {
    const a = hours[day];
    const b = defaults[day]!;
    return !a || a.isOpen !== b.isOpen || (a.isOpen && (a.start !== b.start || a.end !== b.end));
  });
}
