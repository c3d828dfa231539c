import "server-only";
import type { Organization } from "@/lib/db/schema";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { bookAppointment } from "./booking";
import { manageUrl } from "./notify";
import { claimOffer } from "./waitlist";

/**
 * A waiting patient claims an offered time with the token from their e-mail. The first valid
 * claim books it (through the same booking path as everything else); later claims of that time
 * find it gone (409).
 */
export async function claimWaitlistOffer(ctx: ServiceContext, organization: Pick<Organization, "slug">, token: string) {
  const appointment = await claimOffer(ctx, token, (input) =>
    bookAppointment(ctx, { ...input, mode: "in_person", bookedVia: "online", online: false }),
  );
  return { id: appointment.id, startsAt: appointment.startsAt, manageUrl: manageUrl(organization.slug, ctx.orgId, appointment) };
}
