import { z } from "zod";
import { cursor, singleLine } from "@/lib/validation/fields";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_PAYLOAD_DETAILS } from "./events";

// What the webhook settings and their REST endpoints are asked for. Client-safe.

const url = z
  .string()
  .trim()
  .min(1, "Enter the endpoint's URL.")
  .max(2000, "Use at most 2000 characters.")
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "Enter a full URL, such as https://example.com/agentcare-webhooks.");

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, `Each event must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}.`))
  .min(1, "Choose at least one event.")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((list) => [...new Set(list)]);

const payloadDetail = z.enum(WEBHOOK_PAYLOAD_DETAILS, "Choose ids, schedule or patient.");

export const webhookCreateSchema = z.object({
  url,
  description: singleLine(200).optional().default(""),
  eventTypes,
  payloadDetail: payloadDetail.default("ids"),
});

export const webhookUpdateSchema = z
  .object({
    url: url.optional(),
    description: singleLine(200).optional(),
    eventTypes: eventTypes.optional(),
    payloadDetail: payloadDetail.optional(),
    enabled: z.boolean("enabled must be true or false.").optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Say what to change.");

export const webhookDeliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursor.optional(),
});

/** Actions that take no input: nothing, or `{}`. */
export const webhookNoInputSchema = z.strictObject({});
