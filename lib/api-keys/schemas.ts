import { z } from "zod";
import { apiKeyRole } from "@/lib/validation/fields";

// Client-safe: a new API key, for the REST handler, the server action and the OpenAPI document.

export const apiKeyInputSchema = z.object({
  name: z.string().trim().min(1, "Name the key after what uses it.").max(80, "Use at most 80 characters."),
  role: apiKeyRole,
});

export type ApiKeyInput = z.infer<typeof apiKeyInputSchema>;
