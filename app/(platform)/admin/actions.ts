"use server";

import { revalidatePath } from "next/cache";
import {
  changeOrganization,
  offboardOrganizationById,
  organizationChangeSchema,
  organizationOffboardSchema,
} from "@/lib/administration/operator";
import { operatorAction } from "@/lib/pipeline/operator-action";

/** Plan, suspension and subscription status of one organization (payment itself happens outside AgentCare). */
export const updateOrganizationAction = operatorAction(
  { name: "operator.organization", schema: organizationChangeSchema },
  async (input, operator) => {
    const message = await changeOrganization(operator, input);
    revalidatePath("/admin");
    return message;
  },
);

/** Deletes a suspended organization's data for good, once its slug is repeated. */
export const offboardOrganizationAction = operatorAction(
  { name: "operator.organization.offboard", schema: organizationOffboardSchema },
  async (input, operator) => {
    const message = await offboardOrganizationById(operator, input);
    revalidatePath("/admin");
    return message;
  },
);
