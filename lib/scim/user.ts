import { coerceValue } from './coerce-value';
import { ScimError } from './errors';
import { getMember, isJsonObject, type JsonObject, type JsonValue } from './json';
import { findAttribute, splitAttributePath, USER_ATTRIBUTES } from './schema';
import { CORE_USER_URN, ENTERPRISE_USER_URN } from './urns';

export type ScimEmail = { value: string; type?: 'work' | 'other'; primary?: boolean };
export type ScimPhoneNumber = { value: string; type?: 'mobile' | 'work' | 'other' };
export type ScimRole = { value: string; display?: string; type?: string; primary?: boolean };
export type ScimAddress = {
  type?: 'work';
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  primary?: boolean;
};
export type ScimName = { formatted?: string; familyName?: string; givenName?: string };
export type ScimEnterpriseUser = { employeeNumber?: string; department?: string };
export type ScimMeta = { resourceType?: string; created?: string; lastModified?: string; location?: string; version?: string };

/**
 * A User resource in canonical form: canonical attribute names, coerced values, no empty
 * members, `schemas` listing the extension only when it has values. `id` and `meta` are set by
 * the service provider (the database side); this module only carries them through.
 * A type alias, not an interface, so that it is assignable to JsonObject.
 */
export type ScimUser = {
  schemas: string[];
  id?: string;
  externalId?: string;
  userName: string;
  name?: ScimName;
  displayName?: string;
  active?: boolean;
  emails?: ScimEmail[];
  phoneNumbers?: ScimPhoneNumber[];
  roles?: ScimRole[];
  addresses?: ScimAddress[];
  [ENTERPRISE_USER_URN]?: ScimEnterpriseUser;
  meta?: ScimMeta;
};

/**
 * A full representation from a client (POST /Users, PUT /Users/{id}) as a canonical ScimUser.
 * `id` and `meta` in the body are ignored (RFC 7644 §3.3, §3.5.1: readOnly values sent by clients
 * SHALL be ignored); the caller sets them. Unknown attributes are refused with invalidValue.
 */
export function parseUser(body: unknown): ScimUser {
  if (!isJsonObject(body)) throw new ScimError(400, 'invalidSyntax', 'The request body must be a JSON object');
  const schemas = getMember(body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.some((urn) => typeof urn === 'string' && urn.toLowerCase() === CORE_USER_URN.toLowerCase())) {
    throw new ScimError(400, 'invalidSyntax', `"schemas" must contain "${CORE_USER_URN}"`);
  }
  const resource: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'schemas' || value === null || value === undefined) continue;
    const path = splitAttributePath(key);
    const resolved = path && findAttribute(path);
    if (!resolved) throw new ScimError(400, 'invalidValue', `Unknown attribute "${key}"`);
    const { attribute, subAttribute } = resolved.path;
    if ((resolved.parent ?? resolved.definition).mutability === 'readOnly') continue;
    const coerced = coerceValue(resolved.definition, value, key);
    if (subAttribute === undefined) resource[attribute] = coerced;
    else resource[attribute] = { ...asObject(resource[attribute]), [subAttribute]: coerced };
  }
  return validateUser(resource);
}

/**
 * The invariants every stored User keeps, checked on the result of parseUser and applyPatch:
 * userName present, a work e-mail (SCIM-3), required sub-attributes present, at most one
 * `primary: true` per attribute (RFC 7643 §2.4). Returns the canonical form (see ScimUser).
 * Expects values already coerced by the schema (coerceValue); members outside the schema are dropped.
 */
export function validateUser(resource: JsonObject): ScimUser {
  const out: JsonObject = {};
  for (const definition of USER_ATTRIBUTES) {
    const value = prune(resource[definition.name]);
    if (value === undefined) continue;
    if (definition.multiValued && Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        for (const sub of definition.subAttributes ?? []) {
          if (sub.required && isJsonObject(item) && item[sub.name] === undefined) {
            throw new ScimError(400, 'invalidValue', `Attribute "${definition.name}[${i}].${sub.name}" is required`);
          }
        }
      }
      if (value.filter((item) => isJsonObject(item) && item.primary === true).length > 1) {
        throw new ScimError(400, 'invalidValue', `Only one value of "${definition.name}" may be primary`);
      }
    }
    out[definition.name] = value;
  }
  if (typeof out.userName !== 'string' || out.userName.trim() === '') throw new ScimError(400, 'invalidValue', 'Attribute "userName" is required');
  const emails = Array.isArray(out.emails) ? out.emails : [];
  if (!emails.some((email) => isJsonObject(email) && email.type === 'work' && typeof email.value === 'string')) {
    throw new ScimError(400, 'invalidValue', 'A work e-mail is required: emails must hold a value with type "work"');
  }
  out.schemas = out[ENTERPRISE_USER_URN] === undefined ? [CORE_USER_URN] : [CORE_USER_URN, ENTERPRISE_USER_URN];
  // Every member was coerced against USER_ATTRIBUTES and the required members were checked above,
  // which is exactly what the ScimUser type describes.
  return { schemas: out.schemas, ...out } as ScimUser;
}

/** Drops what RFC 7643 §2.5 counts as unassigned: null, and (our reading) empty objects and arrays. */
function prune(value: JsonValue | undefined): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((item): item is JsonValue => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value)
      .map(([key, member]) => [key, prune(member)] as const)
      .filter((entry): entry is readonly [string, JsonValue] => entry[1] !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

function asObject(value: JsonValue | undefined): JsonObject {
  return isJsonObject(value) ? value : {};
}
