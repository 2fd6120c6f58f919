import { coerceSingle, coerceValue } from './coerce-value';
import { ScimError } from './errors';
import { matchesFilter, type Filter } from './filter';
import { isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json';
import type { PatchPath } from './path';
import { findAttribute, formatPath, type AttributeDefinition } from './schema';

export type PatchOperationType = 'add' | 'replace' | 'remove';

/**
 * Applies one operation at a resolved path, changing `resource` in place (applyPatch hands in its
 * own deep copy). RFC 7644 §3.5.2.1–3, with the behaviour Entra ID and Okta rely on:
 * - add on a multi-valued attribute appends, merging into a value that is already there (same
 *   `value` and compatible `type`) instead of duplicating it; replace swaps the whole array;
 * - add and replace on a complex attribute merge sub-attributes (those not given stay);
 * - a value filter that matches nothing makes add/replace create the value the filter describes
 *   (`emails[type eq "work"].value` → a new work e-mail), when the filter is `eq` comparisons
 *   joined by `and`; any other unmatched filter is noTarget;
 * - a new or changed value with `primary: true` makes the other values non-primary;
 * - replace with null unassigns (RFC 7643 §2.5); remove of something absent or unmatched is a no-op.
 */
export function applyAtPath(resource: JsonObject, op: PatchOperationType, path: PatchPath, value: unknown): void {
  const target = path.subDefinition ?? path.definition;
  if (path.definition.mutability === 'readOnly' || target.mutability === 'readOnly') {
    throw new ScimError(400, 'mutability', `Attribute "${formatPath(path)}" is readOnly`);
  }
  if (op === 'remove' || (op === 'replace' && value === null)) return remove(resource, path, op === 'remove' ? value : undefined);
  if (value === null || value === undefined) throw new ScimError(400, 'invalidValue', `"${op}" needs a value for "${formatPath(path)}"`);
  if (path.filter) return setFiltered(resource, path, path.filter, value);
  if (path.subDefinition) return setSubAttribute(resource, path.definition, path.subDefinition, value);
  setAttribute(resource, op, path.definition, value);
}

function setAttribute(resource: JsonObject, op: PatchOperationType, definition: AttributeDefinition, value: unknown): void {
  const coerced = coerceValue(definition, value);
  if (definition.multiValued && Array.isArray(coerced)) {
    const items = op === 'replace' ? [] : valuesOf(resource, definition);
    const touched: JsonValue[] = [];
    for (const item of coerced) {
      const same = items.find((existing) => sameValue(definition, existing, item));
      if (same === undefined) items.push(item);
      else if (isJsonObject(same) && isJsonObject(item)) Object.assign(same, item);
      touched.push(same ?? item);
    }
    resource[definition.name] = items;
    keepOnePrimary(items, touched);
  } else if (isJsonObject(coerced)) {
    resource[definition.name] = { ...asObject(resource[definition.name]), ...coerced };
  } else {
    resource[definition.name] = coerced;
  }
}

function setSubAttribute(resource: JsonObject, definition: AttributeDefinition, sub: AttributeDefinition, value: unknown): void {
  const coerced = coerceValue(sub, value, `${definition.name}.${sub.name}`);
  if (!definition.multiValued) {
    resource[definition.name] = { ...asObject(resource[definition.name]), [sub.name]: coerced };
    return;
  }
  // `emails.value` without a filter addresses every value (RFC 7644 §3.5.2: all values of the attribute).
  const items = valuesOf(resource, definition);
  if (items.length === 0) items.push({});
  for (const item of items) if (isJsonObject(item)) item[sub.name] = coerced;
  resource[definition.name] = items;
  keepOnePrimary(items, items.slice(-1));
}

function setFiltered(resource: JsonObject, path: PatchPath, filter: Filter, value: unknown): void {
  const { definition, subDefinition } = path;
  const incoming = subDefinition
    ? { [subDefinition.name]: coerceValue(subDefinition, value, formatPath(path)) }
    : asObject(coerceSingle(definition, value, formatPath(path)));
  const items = valuesOf(resource, definition);
  const matched = items.filter((item): item is JsonObject => isJsonObject(item) && matchesFilter(filter, item, definition));
  if (matched.length === 0) {
    const implied = impliedValue(filter, definition);
    if (!implied) throw new ScimError(400, 'noTarget', `No value of "${definition.name}" matches the filter`);
    matched.push(implied);
    items.push(implied);
  }
  for (const item of matched) Object.assign(item, incoming);
  resource[definition.name] = items;
  keepOnePrimary(items, matched);
}

function remove(resource: JsonObject, path: PatchPath, value: unknown): void {
  const { definition, subDefinition: sub } = path;
  if (!sub && definition.required) throw new ScimError(400, 'mutability', `Attribute "${definition.name}" is required and cannot be removed`);
  const current = resource[definition.name];
  if (current === undefined) return;
  if (!definition.multiValued) {
    if (!sub) delete resource[definition.name];
    else if (isJsonObject(current)) delete current[sub.name];
    return;
  }
  // Entra ID removes chosen values with `{"op":"remove","path":"roles","value":[{"value":"x"}]}`.
  const given = value === undefined || value === null ? undefined : coerceValue(definition, value);
  const chosen = Array.isArray(given) ? given : undefined;
  const selected = (item: JsonValue) =>
    (!path.filter || (isJsonObject(item) && matchesFilter(path.filter, item, definition))) &&
    (!chosen || chosen.some((wanted) => sameValue(definition, item, wanted)));
  const items = valuesOf(resource, definition);
  if (!sub) {
    resource[definition.name] = items.filter((item) => !selected(item));
    return;
  }
  for (const item of items) if (isJsonObject(item) && selected(item)) delete item[sub.name];
  // A phone number without its number carries nothing: drop it rather than keep `{type:"work"}`.
  resource[definition.name] = items.filter((item) => !isHollow(definition, item));
}

/** The value an `eq`/`and` filter describes (`type eq "work"` → `{ type: 'work' }`), or undefined. */
function impliedValue(filter: Filter, definition: AttributeDefinition): JsonObject | undefined {
  if (filter.op === 'and') {
    const left = impliedValue(filter.left, definition);
    const right = impliedValue(filter.right, definition);
    if (!left || !right || Object.keys(right).some((key) => key in left && !jsonEqual(left[key], right[key]))) return undefined;
    return { ...left, ...right };
  }
  if (filter.op !== 'eq' || filter.value === null) return undefined;
  const sub = findAttribute(filter.path, definition)?.definition;
  if (!sub) return undefined;
  return { [sub.name]: coerceSingle(sub, filter.value, `${definition.name}.${sub.name}`) };
}

/** RFC 7644 §3.5.2.1 "already contains the value": same `value`, and the same type unless one has none. */
function sameValue(definition: AttributeDefinition, a: JsonValue, b: JsonValue): boolean {
  const valueDefinition = definition.subAttributes?.find((sub) => sub.name === 'value');
  if (!valueDefinition || !isJsonObject(a) || !isJsonObject(b) || typeof a.value !== 'string' || typeof b.value !== 'string') return jsonEqual(a, b);
  const equal = valueDefinition.caseExact ? a.value === b.value : a.value.toLowerCase() === b.value.toLowerCase();
  return equal && (a.type === undefined || b.type === undefined || a.type === b.type);
}

/** RFC 7644 §3.5.2: setting primary on one value SHALL set it false on the others. */
function keepOnePrimary(items: JsonValue[], touched: readonly JsonValue[]): void {
  const winner = [...touched].reverse().find((item) => isJsonObject(item) && item.primary === true);
  if (!winner) return;
  for (const item of items) if (item !== winner && isJsonObject(item) && item.primary === true) item.primary = false;
}

function isHollow(definition: AttributeDefinition, item: JsonValue): boolean {
  if (!isJsonObject(item)) return false;
  const hasValue = definition.subAttributes?.some((sub) => sub.name === 'value');
  if (hasValue && item.value === undefined) return true;
  return Object.keys(item).every((key) => key === 'type' || key === 'primary' || item[key] === undefined);
}

function valuesOf(resource: JsonObject, definition: AttributeDefinition): JsonValue[] {
  const current = resource[definition.name];
  return Array.isArray(current) ? [...current] : [];
}

function asObject(value: JsonValue | undefined): JsonObject {
  return isJsonObject(value) ? value : {};
}
