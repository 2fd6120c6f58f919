/**
 * The pure SCIM 2.0 core (no I/O): the route and the database side build on these.
 * See each module for the rules it follows.
 */
export { ScimError, scimErrorBody, toScimError, type ScimErrorBody, type ScimErrorType } from './errors';
export type { JsonObject, JsonValue } from './json';
export {
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_SCHEMA,
  USER_ATTRIBUTES,
  USER_SCHEMA,
  findAttribute,
  formatPath,
  requireAttribute,
  splitAttributePath,
  type AttrPath,
  type AttributeDefinition,
  type ResolvedAttribute,
  type SchemaDefinition,
} from './schema';
export { coerceValue } from './coerce-value';
export {
  parseUser,
  validateUser,
  type ScimAddress,
  type ScimEmail,
  type ScimEnterpriseUser,
  type ScimMeta,
  type ScimName,
  type ScimPhoneNumber,
  type ScimRole,
  type ScimUser,
} from './user';
export { assertKnownAttributes, matchesFilter, parseFilter, type CompareOperator, type Filter, type FilterValue, type ParseFilterOptions } from './filter';
export { parsePatchPath, type PatchPath } from './path';
export { applyPatch, MAX_PATCH_OPERATIONS, parsePatchBody, type PatchOperation, type PatchOperationType } from './patch';
export { projectResource, type ProjectionOptions } from './project';
export { resourceTypes, schemaDocument, schemaDocuments, serviceProviderConfig, userResourceType } from './discovery';
export { listResponse, MAX_RESULTS, pageParameters, type ListResponse } from './list-response';
export * from './urns';
