/**
 * JSON as SCIM resources carry it. Object members may be `undefined` so that typed resources
 * with optional attributes (ScimUser) are assignable to JsonObject.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue | undefined };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The member whose name equals `name` ignoring case (SCIM names are case-insensitive, RFC 7643 §2.1). */
export function memberKey(object: JsonObject, name: string): string | undefined {
  if (name in object) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

export function getMember(object: JsonObject, name: string): JsonValue | undefined {
  const key = memberKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** Structural equality; member order does not matter and `undefined` members count as absent. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => jsonEqual(a[key], b[key]));
  }
  return false;
}
