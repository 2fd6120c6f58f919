import { ScimError } from './errors';
import { getMember, isJsonObject, type JsonObject } from './json';
import { parsePatchPath } from './path';
import { applyAtPath, type PatchOperationType } from './patch-target';
import { PATCH_OP_URN } from './urns';
import { validateUser, type ScimUser } from './user';

export type { PatchOperationType } from './patch-target';

/** More operations than any IdP sends for one user; beyond it the request is refused (tooMany). */
export const MAX_PATCH_OPERATIONS = 100;

export interface PatchOperation {
  op: PatchOperationType;
  /** Absent for a path-less add/replace, whose value is an object of attribute paths. */
  path?: string;
  value?: unknown;
}

/**
 * Reads an RFC 7644 §3.5.2 PatchOp body. Member names are matched case-insensitively
 * (`Operations` or `operations`, `op` values `Add`/`Replace`/`Remove` as Entra ID sends them);
 * an empty path counts as none.
 */
export function parsePatchBody(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw syntax('The request body must be a JSON object');
  const schemas = getMember(body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.some((urn) => typeof urn === 'string' && urn.toLowerCase() === PATCH_OP_URN.toLowerCase())) {
    throw syntax(`"schemas" must be ["${PATCH_OP_URN}"]`);
  }
  const operations = getMember(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) throw syntax('"Operations" must be a non-empty array');
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw new ScimError(400, 'tooMany', `At most ${MAX_PATCH_OPERATIONS} operations per request, got ${operations.length}`);
  }
  return operations.map((operation, index) => readOperation(operation, index));
}

function readOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operation ${index + 1}`;
  if (!isJsonObject(raw)) throw syntax(`${where} must be an object`);
  const op = getMember(raw, 'op');
  const kind = typeof op === 'string' ? op.trim().toLowerCase() : undefined;
  if (kind !== 'add' && kind !== 'replace' && kind !== 'remove') throw syntax(`${where}: "op" must be add, replace or remove`);
  const path = getMember(raw, 'path');
  if (path !== undefined && path !== null && typeof path !== 'string') throw new ScimError(400, 'invalidPath', `${where}: "path" must be a string`);
  const operation: PatchOperation = { op: kind, value: getMember(raw, 'value') };
  if (typeof path === 'string' && path.trim() !== '') operation.path = path.trim();
  return operation;
}

/**
 * Applies a PatchOp body to a stored User and returns the new User; `resource` is not changed.
 * Operations apply in order and all or nothing: the first failing one throws a ScimError whose
 * detail starts with "Operation N". The result passes validateUser (so removing the work e-mail
 * fails); `id` and `meta` are carried over unchanged: the caller sets meta.lastModified/version.
 */
export function applyPatch(resource: ScimUser, body: unknown): ScimUser {
  const operations = parsePatchBody(body);
  const working: JsonObject = structuredClone(resource);
  operations.forEach((operation, index) => {
    try {
      applyOperation(working, operation);
    } catch (error) {
      if (!(error instanceof ScimError)) throw error;
      const label = `Operation ${index + 1} (${operation.op}${operation.path ? ` "${operation.path}"` : ''})`;
      throw new ScimError(error.status, error.scimType, `${label}: ${error.detail}`);
    }
  });
  return validateUser(working);
}

function applyOperation(resource: JsonObject, operation: PatchOperation): void {
  if (operation.path !== undefined) return applyAtPath(resource, operation.op, parsePatchPath(operation.path), operation.value);
  if (operation.op === 'remove') throw new ScimError(400, 'noTarget', '"remove" needs a "path"');
  if (!isJsonObject(operation.value)) throw new ScimError(400, 'invalidValue', 'Without a "path", "value" must be an object of attributes');
  // Each member is a path of its own: Okta sends `{"active":false}`, Entra ID
  // `{"name.givenName":"A","urn:…:enterprise:2.0:User:department":"B"}`.
  for (const [key, value] of Object.entries(operation.value)) {
    // The schema list is derived from the attributes present (validateUser), not taken from clients.
    if (key.toLowerCase() === 'schemas') continue;
    applyAtPath(resource, operation.op, parsePatchPath(key), value);
  }
}

function syntax(detail: string): ScimError {
  return new ScimError(400, 'invalidSyntax', detail);
}
