import { describe, expect, it } from 'vitest';
import { ScimError } from '@/lib/scim/errors';
import { applyPatch, MAX_PATCH_OPERATIONS, parsePatchBody } from '@/lib/scim/patch';
import { CORE_USER_URN, ENTERPRISE_USER_URN, PATCH_OP_URN } from '@/lib/scim/urns';
import type { ScimUser } from '@/lib/scim/user';
import { storedUser } from './fixtures';

const body = (...Operations: object[]) => ({ schemas: [PATCH_OP_URN], Operations });
const patch = (...operations: object[]) => applyPatch(storedUser(), body(...operations));

function patchError(resource: ScimUser, request: unknown): ScimError {
  try {
    applyPatch(resource, request);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}
const failure = (...operations: object[]) => patchError(storedUser(), body(...operations));

describe('applyPatch: Entra ID shapes', () => {
  it('Replace active with the string "False"', () => {
    expect(patch({ op: 'Replace', path: 'active', value: 'False' }).active).toBe(false);
    expect(patch({ op: 'Replace', path: 'active', value: 'True' }).active).toBe(true);
  });

  it('Add emails[type eq "work"].value sets the work address', () => {
    const result = patch({ op: 'Add', path: 'emails[type eq "work"].value', value: 'barbara@example.com' });
    expect(result.emails).toEqual([
      { value: 'barbara@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'other' },
    ]);
  });

  it('creates the element a type filter describes when none matches', () => {
    const result = patch({ op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+31 6 1234 5678' });
    expect(result.phoneNumbers).toEqual([
      { value: '+31201234567', type: 'work' },
      { value: '+31612345678', type: 'mobile' },
    ]);
    const user = storedUser();
    delete user.emails;
    const created = applyPatch({ ...user, emails: [{ value: 'x@example.com', type: 'other' }] }, body({ op: 'Add', path: 'emails[type eq "work"].value', value: 'w@example.com' }));
    expect(created.emails).toEqual([
      { value: 'x@example.com', type: 'other' },
      { value: 'w@example.com', type: 'work' },
    ]);
  });

  it('a value filter without sub-attribute merges the given sub-attributes, creating the value if needed', () => {
    const created = patch({ op: 'Replace', path: 'addresses[type eq "work"]', value: { locality: 'Utrecht', Country: 'NL' } });
    expect(created.addresses).toEqual([{ type: 'work', locality: 'Utrecht', country: 'NL' }]);
    const merged = applyPatch(created, body({ op: 'add', path: 'addresses[type eq "work"]', value: { postalCode: '3511 AA' } }));
    expect(merged.addresses).toEqual([{ type: 'work', locality: 'Utrecht', country: 'NL', postalCode: '3511 AA' }]);
  });

  it('canonicalises the type taken from the filter', () => {
    const result = patch({ op: 'Add', path: 'addresses[type eq "Work"].locality', value: 'Amsterdam' });
    expect(result.addresses).toEqual([{ type: 'work', locality: 'Amsterdam' }]);
  });

  it('Replace without path with dotted and URN-prefixed keys and a string boolean', () => {
    const result = patch({
      op: 'Replace',
      value: {
        'name.givenName': 'Anna',
        'name.familyName': 'Berg',
        active: 'False',
        'urn:ietf:params:scim:schemas:core:2.0:User:displayName': 'Anna Berg',
        [`${ENTERPRISE_USER_URN}:department`]: 'Sales',
      },
    });
    expect(result.name).toEqual({ formatted: 'Ms. Barbara J Jensen III', givenName: 'Anna', familyName: 'Berg' });
    expect(result.active).toBe(false);
    expect(result.displayName).toBe('Anna Berg');
    expect(result[ENTERPRISE_USER_URN]).toEqual({ employeeNumber: '701984', department: 'Sales' });
  });

  it('Add roles with a string primary', () => {
    const result = patch({ op: 'Add', path: 'roles', value: [{ primary: 'True', value: 'admin' }] });
    expect(result.roles).toEqual([
      { value: 'user', display: 'User', type: 'portal' },
      { value: 'admin', primary: true },
    ]);
  });

  it('Remove emails[type eq "other"] drops that address only', () => {
    expect(patch({ op: 'Remove', path: 'emails[type eq "other"]' }).emails).toEqual([{ value: 'bjensen@example.com', type: 'work', primary: true }]);
  });

  it('Remove phoneNumbers[type eq "work"].value drops the number that is left empty', () => {
    const result = patch({ op: 'Remove', path: 'phoneNumbers[type eq "work"].value' });
    expect(result.phoneNumbers).toBeUndefined();
    expect(result).not.toHaveProperty('phoneNumbers');
  });

  it('Remove roles with a value removes the matching role (Entra ID)', () => {
    const user = { ...storedUser(), roles: [{ value: 'user' }, { value: 'admin' }] };
    expect(applyPatch(user, body({ op: 'Remove', path: 'roles', value: [{ value: 'ADMIN' }] })).roles).toEqual([{ value: 'user' }]);
  });

  it('accepts lowercase "operations"', () => {
    expect(applyPatch(storedUser(), { schemas: [PATCH_OP_URN], operations: [{ op: 'replace', path: 'displayName', value: 'B' }] }).displayName).toBe('B');
  });
});

describe('applyPatch: Okta shapes', () => {
  it('replace without path with an object', () => {
    expect(patch({ op: 'replace', value: { active: false } }).active).toBe(false);
  });

  it('replace name.givenName leaves the other name parts', () => {
    expect(patch({ op: 'replace', path: 'name.givenName', value: 'X' }).name).toEqual({ formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'X' });
  });

  it('ignores a "schemas" member in a path-less value: the schema list follows the attributes', () => {
    const result = patch({ op: 'replace', value: { schemas: [CORE_USER_URN], displayName: 'B' } });
    expect(result.displayName).toBe('B');
    expect(result.schemas).toEqual([CORE_USER_URN, ENTERPRISE_USER_URN]);
  });

  it('replace with the extension as a nested object merges it', () => {
    const result = patch({ op: 'replace', value: { [ENTERPRISE_USER_URN]: { department: 'R&D' } } });
    expect(result[ENTERPRISE_USER_URN]).toEqual({ employeeNumber: '701984', department: 'R&D' });
  });
});

describe('applyPatch: RFC 7644 §3.5.2 semantics', () => {
  it('add appends to a multi-valued attribute and merges an equal value instead of duplicating it', () => {
    const result = patch({ op: 'add', path: 'emails', value: [{ value: 'BABS@jensen.org', primary: true }, { value: 'new@example.com', type: 'other' }] });
    expect(result.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'BABS@jensen.org', type: 'other', primary: true },
      { value: 'new@example.com', type: 'other' },
    ]);
  });

  it('adding the same role twice keeps one', () => {
    const once = patch({ op: 'add', path: 'roles', value: [{ value: 'admin' }] });
    const twice = applyPatch(once, body({ op: 'add', path: 'roles', value: [{ value: 'admin' }] }));
    expect(twice.roles).toEqual(once.roles);
  });

  it('replace on a multi-valued attribute without filter replaces the whole array', () => {
    expect(patch({ op: 'replace', path: 'emails', value: [{ value: 'only@example.com', type: 'work' }] }).emails).toEqual([{ value: 'only@example.com', type: 'work' }]);
  });

  it('a value filter that matches updates every matching value, and nothing else', () => {
    const result = patch({ op: 'replace', path: 'emails[value ew "@jensen.org"].type', value: 'work' });
    expect(result.emails?.map((email) => email.type)).toEqual(['work', 'work']);
  });

  it('setting primary on one value clears it on the others', () => {
    const result = patch({ op: 'replace', path: 'emails[type eq "other"].primary', value: true });
    expect(result.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'other', primary: true },
    ]);
  });

  it('of several values given as primary in one operation, the last one stays primary', () => {
    const result = patch({ op: 'replace', path: 'roles', value: [{ value: 'a', primary: true }, { value: 'b', primary: 'true' }] });
    expect(result.roles).toEqual([
      { value: 'a', primary: false },
      { value: 'b', primary: true },
    ]);
  });

  it('replace with null unassigns; remove of an absent attribute or unmatched filter is a no-op', () => {
    expect(patch({ op: 'replace', path: 'displayName', value: null })).not.toHaveProperty('displayName');
    expect(patch({ op: 'remove', path: 'addresses' })).toEqual(storedUser());
    expect(patch({ op: 'remove', path: 'emails[type eq "other" and value eq "none@x.com"]' })).toEqual(storedUser());
  });

  it('removing the extension attributes drops its schema URN', () => {
    const result = patch({ op: 'remove', path: `${ENTERPRISE_USER_URN}:department` }, { op: 'remove', path: `${ENTERPRISE_USER_URN}:employeeNumber` });
    expect(result).not.toHaveProperty([ENTERPRISE_USER_URN]);
    expect(result.schemas).toEqual([CORE_USER_URN]);
  });

  it('keeps id and meta, and never changes its input', () => {
    const input = storedUser();
    const snapshot = structuredClone(input);
    const result = applyPatch(input, body({ op: 'replace', path: 'emails[type eq "work"].value', value: 'z@example.com' }, { op: 'remove', path: 'roles' }));
    expect(input).toEqual(snapshot);
    expect(result.id).toBe(snapshot.id);
    expect(result.meta).toEqual(snapshot.meta);
    expect(result.emails?.[0]?.value).toBe('z@example.com');
  });

  it('applies operations in order', () => {
    expect(patch({ op: 'replace', path: 'displayName', value: 'A' }, { op: 'replace', path: 'displayName', value: 'B' }).displayName).toBe('B');
    expect(patch({ op: 'remove', path: 'roles' }, { op: 'add', path: 'roles', value: { value: 'x' } }).roles).toEqual([{ value: 'x' }]);
  });
});

describe('applyPatch: errors', () => {
  it.each<[string, object[], string, string | RegExp]>([
    ['replace id', [{ op: 'replace', path: 'id', value: 'x' }], 'mutability', 'Attribute "id" is readOnly'],
    ['add meta.lastModified', [{ op: 'add', path: 'meta.lastModified', value: '2020-01-01T00:00:00Z' }], 'mutability', 'readOnly'],
    ['path-less id', [{ op: 'replace', value: { id: 'x' } }], 'mutability', 'Attribute "id" is readOnly'],
    ['remove meta', [{ op: 'remove', path: 'meta' }], 'mutability', 'readOnly'],
    ['remove userName', [{ op: 'remove', path: 'userName' }], 'mutability', 'required'],
    ['replace userName with null', [{ op: 'replace', path: 'userName', value: null }], 'mutability', 'required'],
    ['remove the work e-mail', [{ op: 'remove', path: 'emails[type eq "work"]' }], 'invalidValue', 'A work e-mail is required'],
    ['remove without path', [{ op: 'remove' }], 'noTarget', '"remove" needs a "path"'],
    ['unknown attribute', [{ op: 'add', path: 'title', value: 'Boss' }], 'invalidPath', 'Unknown attribute "title"'],
    ['unknown path-less key', [{ op: 'replace', value: { nickName: 'B' } }], 'invalidPath', 'Unknown attribute "nickName"'],
    ['unknown sub-attribute in a value', [{ op: 'add', path: 'emails', value: [{ value: 'a@b.co', kind: 'x' }] }], 'invalidValue', 'Unknown attribute "emails.kind"'],
    ['boolean as "yes"', [{ op: 'replace', path: 'active', value: 'yes' }], 'invalidValue', 'Attribute "active" must be a boolean'],
    ['number for a string', [{ op: 'replace', path: 'displayName', value: 5 }], 'invalidValue', 'must be a string'],
    ['string for a complex', [{ op: 'replace', path: 'name', value: 'Babs' }], 'invalidValue', 'Attribute "name" must be an object'],
    ['phone not E.164', [{ op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '0612345678' }], 'invalidValue', 'E.164'],
    ['e-mail type outside the canonical values', [{ op: 'add', path: 'emails', value: { value: 'h@x.com', type: 'home' } }], 'invalidValue', 'must be one of "work", "other"'],
    ['address type other than work', [{ op: 'add', path: 'addresses[type eq "home"].locality', value: 'X' }], 'invalidValue', 'must be one of "work"'],
    ['add without value', [{ op: 'add', path: 'displayName' }], 'invalidValue', 'needs a value'],
    ['path-less add with a non-object', [{ op: 'add', value: 'x' }], 'invalidValue', 'must be an object'],
    ['unmatched filter that does not describe a value', [{ op: 'replace', path: 'emails[value co "nobody"].type', value: 'work' }], 'noTarget', 'No value of "emails" matches'],
    ['unknown op', [{ op: 'merge', path: 'displayName', value: 'x' }], 'invalidSyntax', '"op" must be add, replace or remove'],
    ['path of the wrong type', [{ op: 'add', path: 5, value: 'x' }], 'invalidPath', '"path" must be a string'],
  ])('%s', (_case, operations, scimType, detail) => {
    const error = failure(...operations);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.detail).toMatch(detail);
  });

  it('names the failing operation', () => {
    const error = failure({ op: 'replace', path: 'displayName', value: 'ok' }, { op: 'Replace', path: 'active', value: 'maybe' });
    expect(error.detail).toMatch(/^Operation 2 \(replace "active"\): Attribute "active" must be a boolean$/);
  });

  it.each<[string, unknown, string]>([
    ['a body that is not an object', [], 'invalidSyntax'],
    ['a missing PatchOp schema', { Operations: [{ op: 'add', path: 'displayName', value: 'x' }] }, 'invalidSyntax'],
    ['the wrong schema', { schemas: [CORE_USER_URN], Operations: [{ op: 'add', path: 'displayName', value: 'x' }] }, 'invalidSyntax'],
    ['no operations', { schemas: [PATCH_OP_URN], Operations: [] }, 'invalidSyntax'],
    ['an operation that is not an object', { schemas: [PATCH_OP_URN], Operations: ['add'] }, 'invalidSyntax'],
  ])('refuses %s', (_case, request, scimType) => {
    expect(patchError(storedUser(), request).scimType).toBe(scimType);
  });

  it(`refuses more than ${MAX_PATCH_OPERATIONS} operations with tooMany, and allows exactly ${MAX_PATCH_OPERATIONS}`, () => {
    const operation = { op: 'replace', path: 'displayName', value: 'x' };
    expect(parsePatchBody(body(...Array.from({ length: MAX_PATCH_OPERATIONS }, () => operation)))).toHaveLength(MAX_PATCH_OPERATIONS);
    const error = failure(...Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, () => operation));
    expect(error.scimType).toBe('tooMany');
  });

  it('changes nothing when a later operation fails', () => {
    const input = storedUser();
    const snapshot = structuredClone(input);
    patchError(input, body({ op: 'replace', path: 'displayName', value: 'changed' }, { op: 'remove', path: 'userName' }));
    expect(input).toEqual(snapshot);
  });
});

describe('parsePatchBody', () => {
  it('normalises op case and drops an empty path', () => {
    expect(parsePatchBody(body({ op: 'Add', path: '', value: { active: true } }, { op: 'REMOVE', path: ' roles ' }))).toEqual([
      { op: 'add', value: { active: true } },
      { op: 'remove', path: 'roles', value: undefined },
    ]);
  });
});
