import { CORE_USER_URN, ENTERPRISE_USER_URN } from '@/lib/scim/urns';
import type { ScimUser } from '@/lib/scim/user';

/** A stored user as the database side would hand it to applyPatch / projectResource. */
export function storedUser(): ScimUser {
  return {
    schemas: [CORE_USER_URN, ENTERPRISE_USER_URN],
    id: '2819c223-7f76-453a-919d-413861904646',
    externalId: 'bjensen-ext',
    userName: 'bjensen@example.com',
    name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
    displayName: 'Babs Jensen',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'other' },
    ],
    phoneNumbers: [{ value: '+31201234567', type: 'work' }],
    roles: [{ value: 'user', display: 'User', type: 'portal' }],
    [ENTERPRISE_USER_URN]: { employeeNumber: '701984', department: 'Tour Operations' },
    meta: {
      resourceType: 'User',
      created: '2010-01-23T04:56:22Z',
      lastModified: '2011-05-13T04:42:34Z',
      location: 'https://example.com/scim/v2/Users/2819c223-7f76-453a-919d-413861904646',
      version: 'W/"3694e05e9dff591"',
    },
  };
}
