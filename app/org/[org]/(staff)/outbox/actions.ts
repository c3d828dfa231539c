"use server";

import { listOutbox, outboxQuerySchema } from "@/lib/administration/outbox";
import { tenantAction } from "@/lib/pipeline/tenant-action";

/** The e-mail outbox, newest first, of one status or all (audited). */
export const outboxAction = tenantAction(
  { name: "outbox.list", schema: outboxQuerySchema, permission: "settings:manage" },
  async (input, ctx) => listOutbox(ctx, input),
);
