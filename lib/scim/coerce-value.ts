import { ScimError } from './errors';
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import type { AttributeDefinition } from './schema';

/**
 * Checks a client-sent value against its attribute definition and returns it in canonical form.
 * Lenient where real clients are sloppy, strict where the value would be wrong:
 * - booleans also as "True"/"False" strings (Entra ID sends them so);
 * - canonical values case-insensitively (`"Work"` → `"work"`);
 * - sub-attribute names case-insensitively, `null` members dropped (RFC 7643 §2.5: unassigned);
 * - a lone object for a multi-valued attribute is taken as a one-element array;
 * - phone numbers with spaces, dashes, dots, brackets or a `tel:` prefix are reduced to E.164.
 * Anything else of the wrong shape is `ScimError(400, 'invalidValue')` naming `where`.
 */
export function coerceValue(definition: AttributeDefinition, value: unknown, where = definition.name): JsonValue {
  if (definition.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, i) => coerceSingle(definition, item, `${where}[${i}]`));
  }
  return coerceSingle(definition, value, where);
}

/** One value of the attribute (one element, for a multi-valued attribute). */
export function coerceSingle(definition: AttributeDefinition, value: unknown, where = definition.name): JsonValue {
  switch (definition.type) {
    case 'complex':
      return coerceComplex(definition, value, where);
    case 'boolean':
      return coerceBoolean(value, where);
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value) || (definition.type === 'integer' && !Number.isInteger(value))) {
        throw invalid(where, `must be ${definition.type === 'integer' ? 'an integer' : 'a number'}`);
      }
      return value;
    case 'dateTime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalid(where, 'must be an xsd:dateTime string');
      return value;
    default:
      return coerceString(definition, value, where);
  }
}

function coerceComplex(definition: AttributeDefinition, value: unknown, where: string): JsonObject {
  if (!isJsonObject(value)) throw invalid(where, 'must be an object');
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === null || member === undefined) continue;
    const lower = key.toLowerCase();
    const sub = definition.subAttributes?.find((candidate) => candidate.name.toLowerCase() === lower);
    if (!sub) throw new ScimError(400, 'invalidValue', `Unknown attribute "${definition.name}.${key}"`);
    out[sub.name] = coerceValue(sub, member, `${where}.${sub.name}`);
  }
  return out;
}

function coerceBoolean(value: unknown, where: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw invalid(where, 'must be a boolean');
}

const E164 = /^\+[1-9][0-9]{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function coerceString(definition: AttributeDefinition, value: unknown, where: string): string {
  if (typeof value !== 'string') throw invalid(where, 'must be a string');
  if (definition.canonicalValues) {
    const canonical = definition.canonicalValues.find((candidate) => candidate.toLowerCase() === value.trim().toLowerCase());
    if (!canonical) throw invalid(where, `must be one of ${definition.canonicalValues.map((v) => `"${v}"`).join(', ')}`);
    return canonical;
  }
  if (definition.format === 'e164') {
    const digits = value.trim().replace(/^tel:/i, '').replace(/[\s().-]/g, '');
    if (!E164.test(digits)) throw invalid(where, 'must be a phone number in E.164 form (+ and up to 15 digits)');
    return digits;
  }
  if (definition.format === 'email') {
    const address = value.trim();
    if (!EMAIL.test(address)) throw invalid(where, 'must be an e-mail address');
    return address;
  }
  return value;
}

function invalid(where: string, rule: string): ScimError {
  return new ScimError(400, 'invalidValue', `Attribute "${where}" ${rule}`);
}
