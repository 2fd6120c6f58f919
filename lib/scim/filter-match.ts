import type { CompareOperator, Filter, FilterValue } from './filter';
import { getMember, isJsonObject, type JsonObject, type JsonValue } from './json';
import { findAttribute, type AttrPath, type AttributeDefinition } from './schema';

/** Stands for an attribute outside our schema, so names in its value filter resolve to nothing. */
const UNKNOWN: AttributeDefinition = {
  name: '',
  type: 'complex',
  multiValued: true,
  description: '',
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
};

/**
 * Evaluates a filter over a resource's JSON (RFC 7644 §3.4.2.2):
 * - a multi-valued attribute matches when any of its values does;
 * - strings compare case-insensitively unless the attribute is caseExact (unknown attributes are
 *   not), dateTimes compare as instants, booleans also against "true"/"false" (Entra ID);
 * - a multi-valued complex attribute without sub-attribute compares its values' `value`;
 * - `ne` is the negation of `eq` (an absent attribute is "not equal"), `eq null` matches an
 *   absent attribute; comparisons between mismatched types are false.
 * `within` evaluates a value filter against one value of that attribute (PATCH paths).
 */
export function matchesFilter(filter: Filter, resource: JsonObject, within?: AttributeDefinition): boolean {
  switch (filter.op) {
    case 'and':
      return matchesFilter(filter.left, resource, within) && matchesFilter(filter.right, resource, within);
    case 'or':
      return matchesFilter(filter.left, resource, within) || matchesFilter(filter.right, resource, within);
    case 'not':
      return !matchesFilter(filter.filter, resource, within);
    case 'valuePath': {
      const definition = findAttribute(filter.path, within)?.definition ?? UNKNOWN;
      return leaves(resource, filter.path).some((item) => isJsonObject(item) && matchesFilter(filter.filter, item, definition));
    }
    case 'pr':
      return leaves(resource, filter.path).some(isPresent);
    default:
      return compareAttribute(filter.op, filter.path, filter.value, resource, within);
  }
}

function compareAttribute(op: CompareOperator, path: AttrPath, expected: FilterValue, resource: JsonObject, within?: AttributeDefinition): boolean {
  let definition = findAttribute(path, within)?.definition;
  let values = leaves(resource, path);
  if (values.some(isJsonObject)) {
    values = values.map((item) => (isJsonObject(item) ? (getMember(item, 'value') ?? null) : item));
    definition = definition?.subAttributes?.find((sub) => sub.name === 'value');
  }
  if (expected === null) {
    const present = values.some(isPresent);
    return op === 'eq' ? !present : op === 'ne' ? present : false;
  }
  if (op === 'ne') return !values.some((actual) => compare('eq', actual, expected, definition));
  return values.some((actual) => compare(op, actual, expected, definition));
}

/** The values at a path, multi-valued attributes flattened. */
function leaves(resource: JsonObject, path: AttrPath): JsonValue[] {
  const top = getMember(resource, path.attribute);
  const items = top === undefined ? [] : Array.isArray(top) ? top : [top];
  const { subAttribute } = path;
  if (subAttribute === undefined) return items;
  return items.flatMap((item) => {
    const value = isJsonObject(item) ? getMember(item, subAttribute) : undefined;
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  });
}

function isPresent(value: JsonValue): boolean {
  if (value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.values(value).some((member) => member !== undefined && member !== null);
  return true;
}

function compare(op: CompareOperator, actual: JsonValue, expected: Exclude<FilterValue, null>, definition?: AttributeDefinition): boolean {
  if (typeof actual === 'boolean') {
    const wanted = typeof expected === 'string' && /^(true|false)$/i.test(expected) ? expected.toLowerCase() === 'true' : expected;
    return op === 'eq' && actual === wanted;
  }
  if (typeof actual === 'number') return typeof expected === 'number' && order(op, actual - expected);
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  if (definition?.type === 'dateTime') {
    const a = Date.parse(actual);
    const b = Date.parse(expected);
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    return order(op, a - b);
  }
  const exact = definition?.caseExact ?? false;
  const a = exact ? actual : actual.toLowerCase();
  const b = exact ? expected : expected.toLowerCase();
  if (op === 'co') return a.includes(b);
  if (op === 'sw') return a.startsWith(b);
  if (op === 'ew') return a.endsWith(b);
  return order(op, a < b ? -1 : a > b ? 1 : 0);
}

function order(op: CompareOperator, difference: number): boolean {
  switch (op) {
    case 'eq':
      return difference === 0;
    case 'gt':
      return difference > 0;
    case 'ge':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'le':
      return difference <= 0;
    default:
      return false;
  }
}
