import { ScimError } from './errors';
import type { Filter, FilterValue } from './filter';
import { findAttribute, formatPath, type AttrPath, type AttributeDefinition, type ResolvedAttribute } from './schema';

/**
 * Refuses, with `ScimError(400, 'invalidFilter')`, a filter that names an attribute our User does
 * not have, or compares in a way the attribute's type does not allow (RFC 7644 §3.4.2.2: ordering
 * a boolean is an error; a complex attribute is compared through a sub-attribute). Call it before
 * evaluating or translating a parsed filter; `within` checks a value filter of that attribute.
 */
export function assertKnownAttributes(filter: Filter, within?: AttributeDefinition): void {
  switch (filter.op) {
    case 'and':
    case 'or':
      assertKnownAttributes(filter.left, within);
      assertKnownAttributes(filter.right, within);
      return;
    case 'not':
      assertKnownAttributes(filter.filter, within);
      return;
    case 'valuePath': {
      const { definition } = resolve(filter.path, within);
      if (definition.type !== 'complex') throw refuse(`Attribute "${definition.name}" has no sub-attributes to filter on`);
      assertKnownAttributes(filter.filter, definition);
      return;
    }
    case 'pr':
      resolve(filter.path, within);
      return;
    default:
      assertComparable(filter.op, filter.value, resolve(filter.path, within));
  }
}

function resolve(path: AttrPath, within: AttributeDefinition | undefined): ResolvedAttribute {
  const resolved = findAttribute(path, within);
  if (!resolved) throw refuse(`Unknown attribute "${within ? `${within.name}.` : ''}${formatPath(path)}"`);
  return resolved;
}

const ORDERING = ['gt', 'ge', 'lt', 'le'];
const SUBSTRING = ['co', 'sw', 'ew'];

function assertComparable(op: string, value: FilterValue, resolved: ResolvedAttribute): void {
  const name = formatPath(resolved.path);
  let target = resolved.definition;
  if (target.type === 'complex') {
    // "emails co "example.com"" (RFC 7644 §3.4.2.2 example) compares the values' `value`.
    const implied = target.multiValued ? target.subAttributes?.find((sub) => sub.name === 'value') : undefined;
    if (!implied) throw refuse(`Attribute "${name}" is complex: compare one of its sub-attributes`);
    target = implied;
  }
  if (value === null) {
    if (op !== 'eq' && op !== 'ne') throw refuse(`"${op}" cannot compare "${name}" with null`);
    return;
  }
  switch (target.type) {
    case 'boolean':
      if (op !== 'eq' && op !== 'ne') throw refuse(`Attribute "${name}" is a boolean: only eq and ne apply`);
      if (typeof value !== 'boolean' && !(typeof value === 'string' && /^(true|false)$/i.test(value))) {
        throw refuse(`Attribute "${name}" is a boolean: compare it with true or false`);
      }
      return;
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number' || SUBSTRING.includes(op)) throw refuse(`Attribute "${name}" is a number: compare it with a number`);
      return;
    case 'dateTime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw refuse(`Attribute "${name}" is a dateTime: compare it with a date string`);
      return;
    case 'binary':
      if (op !== 'eq' && op !== 'ne') throw refuse(`Attribute "${name}" is binary: only eq and ne apply`);
      return;
    default:
      if (typeof value !== 'string') throw refuse(`Attribute "${name}" is a string: compare it with a quoted string`);
      if (ORDERING.includes(op) && target.type === 'reference') throw refuse(`Attribute "${name}" is a reference: it has no order`);
  }
}

function refuse(detail: string): ScimError {
  return new ScimError(400, 'invalidFilter', detail);
}
