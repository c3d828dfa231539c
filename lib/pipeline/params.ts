import { NotFoundError } from "@/lib/errors/app-error";
import type { NotFoundResource } from "@/lib/errors/catalogue";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id answers exactly like an unknown one: 404. */
export function idFrom(params: Record<string, string>, key: string, resource: NotFoundResource): string {
  const value = params[key];
  if (!value || !UUID.test(value)) throw new NotFoundError(resource);
  return value.toLowerCase();
}
