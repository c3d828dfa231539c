const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuidShape(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
