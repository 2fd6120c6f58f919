import { describe, expect, it } from 'vitest';
import { resourceTypes, schemaDocument, schemaDocuments, serviceProviderConfig, userResourceType } from '@/lib/scim/discovery';
import { CORE_USER_URN, ENTERPRISE_USER_URN, LIST_RESPONSE_URN } from '@/lib/scim/urns';

const baseUrl = 'https://portal.example.com/scim/v2/acct/';

describe('discovery documents', () => {
  it('ServiceProviderConfig announces what we support', () => {
    expect(serviceProviderConfig(baseUrl)).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
      meta: { resourceType: 'ServiceProviderConfig', location: 'https://portal.example.com/scim/v2/acct/ServiceProviderConfig' },
    });
  });

  it('ResourceTypes lists User only, with the optional enterprise extension', () => {
    const list = resourceTypes(baseUrl);
    expect(list).toMatchObject({ schemas: [LIST_RESPONSE_URN], totalResults: 1, itemsPerPage: 1, startIndex: 1 });
    expect(list.Resources).toEqual([userResourceType(baseUrl)]);
    expect(userResourceType(baseUrl)).toMatchObject({
      id: 'User',
      endpoint: '/Users',
      schema: CORE_USER_URN,
      schemaExtensions: [{ schema: ENTERPRISE_USER_URN, required: false }],
      meta: { location: 'https://portal.example.com/scim/v2/acct/ResourceTypes/User' },
    });
  });

  it('Schemas publishes the User schema generated from the definitions', () => {
    const user = schemaDocument(baseUrl, CORE_USER_URN.toLowerCase());
    expect(user).toMatchObject({ id: CORE_USER_URN, name: 'User', meta: { resourceType: 'Schema', location: `https://portal.example.com/scim/v2/acct/Schemas/${CORE_USER_URN}` } });
    const attributes = user?.attributes as { name: string; subAttributes?: { name: string; canonicalValues?: string[]; format?: string }[] }[];
    expect(attributes.map((attribute) => attribute.name)).toEqual(['userName', 'name', 'displayName', 'active', 'emails', 'phoneNumbers', 'roles', 'addresses']);
    const emails = attributes.find((attribute) => attribute.name === 'emails');
    expect(emails?.subAttributes?.find((sub) => sub.name === 'type')?.canonicalValues).toEqual(['work', 'other']);
    // Our value formats are private rules, not RFC 7643 attribute characteristics.
    expect(JSON.stringify(user)).not.toContain('"format"');
    expect(attributes[0]).toEqual({
      name: 'userName',
      type: 'string',
      multiValued: false,
      description: expect.any(String),
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    });
  });

  it('Schemas lists the User and EnterpriseUser schemas; other ids are unknown', () => {
    const list = schemaDocuments(baseUrl);
    expect(list.totalResults).toBe(2);
    expect(list.Resources.map((schema) => schema.id)).toEqual([CORE_USER_URN, ENTERPRISE_USER_URN]);
    expect(schemaDocument(baseUrl, 'urn:ietf:params:scim:schemas:core:2.0:Group')).toBeUndefined();
  });
});
