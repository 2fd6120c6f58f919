import type { JsonObject } from './json';
import { listResponse, MAX_RESULTS, type ListResponse } from './list-response';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type AttributeDefinition, type SchemaDefinition } from './schema';
import { CORE_USER_URN, ENTERPRISE_USER_URN, RESOURCE_TYPE_URN, SCHEMA_URN, SERVICE_PROVIDER_CONFIG_URN } from './urns';

/**
 * RFC 7644 §4 discovery documents. `baseUrl` is the SCIM base the client was configured with
 * (e.g. `https://portal.example.com/scim/v2/<account>`); it only feeds `meta.location`.
 * A single document for /ServiceProviderConfig, /ResourceTypes/User and /Schemas/{id};
 * ListResponses for /ResourceTypes and /Schemas (RFC 7644 §4: several are returned as one).
 */

function base(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

export function serviceProviderConfig(baseUrl: string): JsonObject {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_URN],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with the account’s SCIM bearer token (RFC 6750).',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base(baseUrl)}/ServiceProviderConfig` },
  };
}

/** GET /ResourceTypes/User. */
export function userResourceType(baseUrl: string): JsonObject {
  return {
    schemas: [RESOURCE_TYPE_URN],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: CORE_USER_URN,
    schemaExtensions: [{ schema: ENTERPRISE_USER_URN, required: false }],
    meta: { resourceType: 'ResourceType', location: `${base(baseUrl)}/ResourceTypes/User` },
  };
}

/** GET /ResourceTypes: we serve users only (no Groups). */
export function resourceTypes(baseUrl: string): ListResponse {
  return listResponse([userResourceType(baseUrl)], { totalResults: 1 });
}

const SCHEMAS: readonly SchemaDefinition[] = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA];

/** GET /Schemas/{id}; undefined for an id we do not publish (the route answers 404). */
export function schemaDocument(baseUrl: string, id: string): JsonObject | undefined {
  const schema = SCHEMAS.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
  if (!schema) return undefined;
  return {
    schemas: [SCHEMA_URN],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(publishedAttribute),
    meta: { resourceType: 'Schema', location: `${base(baseUrl)}/Schemas/${schema.id}` },
  };
}

/** GET /Schemas: the User schema and the enterprise extension, generated from schema.ts. */
export function schemaDocuments(baseUrl: string): ListResponse {
  const documents = SCHEMAS.map((schema) => schemaDocument(baseUrl, schema.id)).filter((document) => document !== undefined);
  return listResponse(documents, { totalResults: documents.length });
}

/** RFC 7643 §7 attribute representation: our `format` rule stays private. */
function publishedAttribute(definition: AttributeDefinition): JsonObject {
  const published: JsonObject = {
    name: definition.name,
    type: definition.type,
    multiValued: definition.multiValued,
    description: definition.description,
    required: definition.required,
    caseExact: definition.caseExact,
    mutability: definition.mutability,
    returned: definition.returned,
    uniqueness: definition.uniqueness,
  };
  if (definition.canonicalValues) published.canonicalValues = [...definition.canonicalValues];
  if (definition.referenceTypes) published.referenceTypes = [...definition.referenceTypes];
  if (definition.subAttributes) published.subAttributes = definition.subAttributes.map(publishedAttribute);
  return published;
}
