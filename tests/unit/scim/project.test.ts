import { describe, expect, it } from 'vitest';
import { projectResource } from '@/lib/scim/project';
import { CORE_USER_URN, ENTERPRISE_USER_URN } from '@/lib/scim/urns';
import { storedUser } from './fixtures';

const user = storedUser();
const always = { schemas: user.schemas, id: user.id, meta: user.meta };

describe('projectResource', () => {
  it('returns every attribute without parameters, as a copy', () => {
    const result = projectResource(user);
    expect(result).toEqual(user);
    expect(result).not.toBe(user);
  });

  it('attributes: only the named ones, plus schemas, id and meta', () => {
    expect(projectResource(user, { attributes: 'userName' })).toEqual({ ...always, userName: user.userName });
    expect(Object.keys(projectResource(user, { attributes: 'userName,displayName' })).sort()).toEqual(['displayName', 'id', 'meta', 'schemas', 'userName']);
  });

  it('attributes: case-insensitive, URN-prefixed, spaces after commas, lists', () => {
    const expected = { ...always, userName: user.userName, displayName: user.displayName };
    expect(projectResource(user, { attributes: 'USERNAME, DisplayName' })).toEqual(expected);
    expect(projectResource(user, { attributes: [`${CORE_USER_URN}:userName`, 'displayname'] })).toEqual(expected);
  });

  it('attributes: sub-attributes of single and multi-valued attributes', () => {
    expect(projectResource(user, { attributes: 'name.givenName,emails.value' })).toEqual({
      ...always,
      name: { givenName: 'Barbara' },
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
    });
  });

  it('attributes: several sub-attributes of one attribute', () => {
    expect(projectResource(user, { attributes: 'name.givenName,name.familyName' }).name).toEqual({ givenName: 'Barbara', familyName: 'Jensen' });
  });

  it('attributes: the parent wins over its sub-attribute, in either order', () => {
    expect(projectResource(user, { attributes: 'name.givenName,name' }).name).toEqual(user.name);
    expect(projectResource(user, { attributes: 'name,name.givenName' }).name).toEqual(user.name);
  });

  it('attributes: the enterprise extension, whole or one attribute', () => {
    expect(projectResource(user, { attributes: ENTERPRISE_USER_URN })[ENTERPRISE_USER_URN]).toEqual(user[ENTERPRISE_USER_URN]);
    expect(projectResource(user, { attributes: `${ENTERPRISE_USER_URN}:department` })[ENTERPRISE_USER_URN]).toEqual({ department: 'Tour Operations' });
  });

  it('attributes: unknown names select nothing, and absent sub-attributes leave no empty object', () => {
    expect(projectResource(user, { attributes: 'title,nickName' })).toEqual(always);
    const noName = { ...storedUser(), name: { formatted: 'X' } };
    expect(projectResource(noName, { attributes: 'name.givenName' })).not.toHaveProperty('name');
  });

  it('id, schemas and meta cannot be excluded', () => {
    expect(projectResource(user, { excludedAttributes: 'id,meta,schemas,meta.location' })).toEqual(user);
  });

  it('excludedAttributes: drops attributes and sub-attributes', () => {
    const result = projectResource(user, { excludedAttributes: 'emails, Name.GivenName, phoneNumbers.value, ' + `${ENTERPRISE_USER_URN}:employeeNumber` });
    expect(result).not.toHaveProperty('emails');
    expect(result.name).toEqual({ formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen' });
    expect(result.phoneNumbers).toEqual([{ type: 'work' }]);
    expect(result[ENTERPRISE_USER_URN]).toEqual({ department: 'Tour Operations' });
    expect(result.userName).toBe(user.userName);
  });

  it('both: the exclusion applies to the selection', () => {
    expect(projectResource(user, { attributes: 'name,userName', excludedAttributes: 'name.formatted' })).toEqual({
      ...always,
      userName: user.userName,
      name: { familyName: 'Jensen', givenName: 'Barbara' },
    });
  });

  it('does not change its input', () => {
    const input = storedUser();
    projectResource(input, { attributes: 'name.givenName', excludedAttributes: 'emails' });
    expect(input).toEqual(storedUser());
  });
});
