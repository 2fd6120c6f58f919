import { ScimError } from './errors';
import { assertKnownAttributes, parseFilter, type Filter } from './filter';
import { requireAttribute, type AttributeDefinition } from './schema';

/**
 * A PATCH operation's target (RFC 7644 §3.5.2 `PATH = attrPath / valuePath [subAttr]`), resolved
 * against our schema:
 *   `userName` · `name.givenName` · `emails[type eq "work"]` · `emails[type eq "work"].value` ·
 *   `urn:ietf:params:scim:schemas:core:2.0:User:active` ·
 *   `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department` (the extension is the
 *   top-level member named by its URN, see schema.ts).
 */
export interface PatchPath {
  /** Canonical top-level member. */
  attribute: string;
  /** Canonical sub-attribute, when the path goes one level down. */
  subAttribute?: string;
  /** Value selection on a multi-valued attribute; its paths name sub-attributes. */
  filter?: Filter;
  definition: AttributeDefinition;
  subDefinition?: AttributeDefinition;
}

/** Parses and resolves a PATCH path; anything malformed or unknown is `ScimError(400, 'invalidPath')`. */
export function parsePatchPath(text: string): PatchPath {
  const path = text.trim();
  if (path === '') throw new ScimError(400, 'invalidPath', 'The path is empty');
  const open = path.indexOf('[');
  if (open < 0) {
    const { path: canonical, definition, parent } = requireAttribute(path, 'invalidPath');
    return parent ? { ...canonical, definition: parent, subDefinition: definition } : { attribute: canonical.attribute, definition };
  }

  const { path: head, definition } = requireAttribute(path.slice(0, open), 'invalidPath');
  if (head.subAttribute !== undefined || !definition.multiValued || definition.type !== 'complex') {
    throw new ScimError(400, 'invalidPath', `"${path.slice(0, open)}" is not a multi-valued complex attribute: it takes no value filter`);
  }
  const close = closingBracket(path, open + 1);
  if (close < 0) throw new ScimError(400, 'invalidPath', `Missing "]" in path "${path}"`);
  const filter = valueFilter(path.slice(open + 1, close), definition, path);

  const rest = path.slice(close + 1);
  if (rest === '') return { attribute: definition.name, filter, definition };
  if (!rest.startsWith('.')) throw new ScimError(400, 'invalidPath', `Unexpected "${rest}" after "]" in path "${path}"`);
  const sub = requireAttribute(rest.slice(1), 'invalidPath', definition);
  return { attribute: definition.name, subAttribute: sub.definition.name, filter, definition, subDefinition: sub.definition };
}

/** The "]" closing the value filter; brackets inside string literals do not count. */
function closingBracket(text: string, from: number): number {
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === ']') return i;
  }
  return -1;
}

/** RFC 7644 §3.5.2 reports a bad path as invalidPath, also when the fault is in its filter. */
function valueFilter(text: string, definition: AttributeDefinition, path: string): Filter {
  try {
    const filter = parseFilter(text, { within: definition });
    assertKnownAttributes(filter, definition);
    return filter;
  } catch (error) {
    if (error instanceof ScimError) {
      throw new ScimError(400, 'invalidPath', `Invalid value filter in path "${path}" (positions count from after "["): ${error.detail}`);
    }
    throw error;
  }
}
