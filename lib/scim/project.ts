import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { findAttribute, splitAttributePath, type AttributeDefinition } from './schema';

export interface ProjectionOptions {
  /** RFC 7644 §3.4.2.5 `attributes`: comma-separated (`"userName,name.givenName"`) or a list. */
  attributes?: string | readonly string[];
  /** RFC 7644 §3.4.2.5 `excludedAttributes`, same forms. */
  excludedAttributes?: string | readonly string[];
}

/** Per top-level member: the whole attribute, or the named sub-attributes. */
type Selection = Map<string, 'all' | Set<string>>;

/**
 * The representation a client asked for (RFC 7644 §3.9, RFC 7643 §7 `returned`):
 * - `schemas` and `returned: always` attributes (id, meta) are always there, `never` ones never;
 * - with `attributes`, only the named attributes (and `request` ones only when named);
 *   `name.givenName` keeps that sub-attribute, `emails.value` keeps `value` in every e-mail;
 * - `excludedAttributes` drops the named attributes or sub-attributes;
 * - names are case-insensitive and may carry the schema URN; names we do not know are ignored,
 *   as they cannot select anything. Both parameters together: the exclusion applies to the
 *   selection (RFC 7644 does not define the combination; this is the one reading that uses both).
 * Pure: returns a new object and leaves `resource` alone.
 */
export function projectResource(resource: JsonObject, options: ProjectionOptions = {}): JsonObject {
  const include = options.attributes === undefined ? undefined : selection(options.attributes);
  const exclude: Selection = options.excludedAttributes === undefined ? new Map() : selection(options.excludedAttributes);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    if (value === undefined) continue;
    if (key === 'schemas') {
      out[key] = value;
      continue;
    }
    const definition = findAttribute({ attribute: key })?.definition;
    if (!definition) {
      if (!include) out[key] = value;
      continue;
    }
    if (definition.returned === 'never') continue;
    if (definition.returned === 'always') {
      out[key] = value;
      continue;
    }
    let kept: JsonValue | undefined = value;
    if (include) {
      const wanted = include.get(definition.name);
      if (!wanted) continue;
      if (wanted !== 'all') kept = pickSubAttributes(definition, kept, (sub) => wanted.has(sub.name));
    } else if (definition.returned === 'request') continue;
    const unwanted = exclude.get(definition.name);
    if (unwanted === 'all') continue;
    if (unwanted && kept !== undefined) kept = pickSubAttributes(definition, kept, (sub) => !unwanted.has(sub.name));
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

function selection(list: string | readonly string[]): Selection {
  const names = (typeof list === 'string' ? [list] : list).flatMap((item) => item.split(','));
  const selected: Selection = new Map();
  for (const name of names) {
    const path = splitAttributePath(name.trim());
    const resolved = path && findAttribute(path);
    if (!resolved) continue;
    const { attribute, subAttribute } = resolved.path;
    const current = selected.get(attribute);
    if (subAttribute === undefined) selected.set(attribute, 'all');
    else if (current === undefined) selected.set(attribute, new Set([subAttribute]));
    else if (current !== 'all') current.add(subAttribute);
  }
  return selected;
}

/** Keeps the sub-attributes `keep` accepts (plus `always`, minus `never`); empty values vanish. */
function pickSubAttributes(definition: AttributeDefinition, value: JsonValue, keep: (sub: AttributeDefinition) => boolean): JsonValue | undefined {
  const pick = (item: JsonValue): JsonValue | undefined => {
    if (!isJsonObject(item)) return item;
    const entries = Object.entries(item).filter(([name, member]) => {
      const sub = definition.subAttributes?.find((candidate) => candidate.name === name);
      return member !== undefined && sub !== undefined && sub.returned !== 'never' && (sub.returned === 'always' || keep(sub));
    });
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  };
  if (!Array.isArray(value)) return pick(value);
  const items = value.map(pick).filter((item): item is JsonValue => item !== undefined);
  return items.length > 0 ? items : undefined;
}
