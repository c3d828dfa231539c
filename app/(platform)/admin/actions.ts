"use server";

import { revalidatePath } from "next/cache";
import { changeOrganization, organizationChangeSchema } from "@/lib/administration/operator";
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
