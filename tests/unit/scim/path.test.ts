import { describe, expect, it } from 'vitest';
import { ScimError } from '@/lib/scim/errors';
import { parsePatchPath } from '@/lib/scim/path';
import { ENTERPRISE_USER_URN } from '@/lib/scim/urns';

/** The path without its definitions, which are schema data (checked by name). */
function shape(text: string) {
  const { attribute, subAttribute, filter, definition, subDefinition } = parsePatchPath(text);
  return { attribute, subAttribute, filter, definition: definition.name, subDefinition: subDefinition?.name };
}

describe('parsePatchPath', () => {
  it.each<[string, object]>([
    ['userName', { attribute: 'userName', definition: 'userName' }],
    ['ACTIVE', { attribute: 'active', definition: 'active' }],
    ['Name.GivenName', { attribute: 'name', subAttribute: 'givenName', definition: 'name', subDefinition: 'givenName' }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:name.familyName', { attribute: 'name', subAttribute: 'familyName' }],
    ['URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:displayName', { attribute: 'displayName' }],
    [`${ENTERPRISE_USER_URN}:department`, { attribute: ENTERPRISE_USER_URN, subAttribute: 'department', definition: ENTERPRISE_USER_URN }],
    [ENTERPRISE_USER_URN, { attribute: ENTERPRISE_USER_URN, subAttribute: undefined }],
    ['emails', { attribute: 'emails', filter: undefined }],
    ['emails.value', { attribute: 'emails', subAttribute: 'value' }],
    [
      'emails[type eq "work"]',
      { attribute: 'emails', subAttribute: undefined, filter: { op: 'eq', path: { attribute: 'type' }, value: 'work' } },
    ],
    [
      'phoneNumbers[Type EQ "mobile"].Value',
      { attribute: 'phoneNumbers', subAttribute: 'value', filter: { op: 'eq', path: { attribute: 'type' }, value: 'mobile' }, subDefinition: 'value' },
    ],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:addresses[type eq "work"].streetAddress',
      { attribute: 'addresses', subAttribute: 'streetAddress', filter: { op: 'eq', path: { attribute: 'type' }, value: 'work' } },
    ],
    [
      'emails[value eq "a]b@x.com"].primary',
      { attribute: 'emails', subAttribute: 'primary', filter: { op: 'eq', path: { attribute: 'value' }, value: 'a]b@x.com' } },
    ],
    ['  displayName  ', { attribute: 'displayName' }],
  ])('%s', (text, expected) => {
    expect(shape(text)).toMatchObject(expected);
  });

  it.each<[string, string]>([
    ['', 'The path is empty'],
    ['title', 'Unknown attribute "title"'],
    ['name.middleName', 'Unknown attribute "name.middleName"'],
    ['name..givenName', 'Malformed attribute name'],
    [`${ENTERPRISE_USER_URN}:manager`, `Unknown attribute "${ENTERPRISE_USER_URN}:manager"`],
    ['urn:example:other:1.0:User:x', 'Unknown attribute'],
    ['emails[type eq "work"', 'Missing "]"'],
    ['emails[type eq "work"]value', 'Unexpected "value" after "]"'],
    ['emails[type eq "work"].kind', 'Unknown attribute "emails.kind"'],
    ['emails[kind eq "work"]', 'Unknown attribute "emails.kind"'],
    ['emails[type eq work]', 'Invalid value "work"'],
    ['name[givenName eq "x"]', 'is not a multi-valued complex attribute'],
    ['userName[value eq "x"]', 'is not a multi-valued complex attribute'],
    ['emails.value[type eq "work"]', 'is not a multi-valued complex attribute'],
  ])('%j is invalidPath', (text, detail) => {
    let error: unknown;
    try {
      parsePatchPath(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidPath' });
    expect((error as ScimError).detail).toContain(detail);
  });
});
