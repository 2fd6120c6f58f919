import 'server-only';
import { env } from '@/lib/env';
import { resourceTypes, schemaDocument, schemaDocuments, serviceProviderConfig, userResourceType } from '@/lib/scim/discovery';
import { ScimError, scimErrorBody, toScimError } from '@/lib/scim/errors';
import type { JsonObject } from '@/lib/scim/json';
import { listResponse, pageParameters } from '@/lib/scim/list-response';
import { projectResource } from '@/lib/scim/project';
import type { ScimUser } from '@/lib/scim/user';
import { scimBaseUrl } from './generate-scim-keys';
import { recordScimActivity } from './scim-activity';
import { authenticateScim, touchToken, type ScimContext } from './scim-context';
import { takeScimRequest } from './scim-rate-limit';
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser, type ScimScope } from './scim-users';

/** SCIM-2: bodies above this are refused before they are parsed. */
export const MAX_SCIM_BODY_BYTES = 1024 * 1024;
const CONTENT_TYPE = 'application/scim+json; charset=utf-8';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': CONTENT_TYPE, 'Cache-Control': 'no-store', ...headers } });
const errorOf = (e: ScimError, headers: Record<string, string> = {}) => json(e.status, scimErrorBody(e), headers);

async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_SCIM_BODY_BYTES) throw new ScimError(413, undefined, `The body is larger than ${MAX_SCIM_BODY_BYTES} bytes`);
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(scim\+)?json\b/i.test(type)) throw new ScimError(400, 'invalidSyntax', 'The body must be application/scim+json');
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_SCIM_BODY_BYTES) throw new ScimError(413, undefined, `The body is larger than ${MAX_SCIM_BODY_BYTES} bytes`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ScimError(400, 'invalidSyntax', 'The body is not valid JSON');
  }
}

interface Handled {
  response: Response;
  operation: string;
  userId?: string | null;
  userName?: string | null;
}

/**
 * The SCIM 2.0 service provider of one account at /scim/v2/<account>/… (SCIM-2, RFC 7644):
 * authentication by the account's bearer token, a per-token rate limit, the discovery documents,
 * Users, and Groups/Bulk/Me answered 501 (not supported). Each authenticated request is one line
 * of the provisioning activity.
 */
export async function handleScimRequest(request: Request, accountId: string, path: readonly string[]): Promise<Response> {
  let scim: ScimContext;
  try {
    scim = await authenticateScim(accountId, request.headers.get('authorization'));
  } catch (e) {
    const error = toScimError(e);
    return errorOf(error, error.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="SCIM"' } : {});
  }
  const wait = takeScimRequest(scim.tokenHash);
  if (wait > 0) return errorOf(new ScimError(429, undefined, 'Too many requests for this token; slow down'), { 'Retry-After': String(wait) });
  void touchToken(scim.tokenHash).catch(() => undefined);

  const scope: ScimScope = { scim, baseUrl: scimBaseUrl(scim.account.id, env().APP_URL) };
  const method = request.method.toUpperCase();
  const url = new URL(request.url);
  let handled: Handled;
  try {
    handled = await route(request, method, url, path, scope);
  } catch (e) {
    const error = toScimError(e);
    if (error.status === 500) console.error('[scim]', e);
    handled = { response: errorOf(error), operation: operationName(method, path), userId: path[0] === 'Users' ? (path[1] ?? null) : null };
    await recordScimActivity({ accountId: scim.account.id, method, operation: handled.operation, path: url.pathname.slice(0, 500), userId: uuidOrNull(handled.userId), status: error.status, scimType: error.scimType, detail: error.detail }).catch(() => undefined);
    return handled.response;
  }
  await recordScimActivity({ accountId: scim.account.id, method, operation: handled.operation, path: url.pathname.slice(0, 500), userId: uuidOrNull(handled.userId), userName: handled.userName, status: handled.response.status }).catch(() => undefined);
  return handled.response;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNull = (v: string | null | undefined) => (v && UUID.test(v) ? v : null);

function operationName(method: string, path: readonly string[]): string {
  const [resource, id] = path;
  if (resource !== 'Users') return `${method} ${resource ?? ''}`.trim();
  if (!id) return method === 'POST' ? 'create' : 'list';
  return { GET: 'get', PUT: 'replace', PATCH: 'patch', DELETE: 'delete' }[method] ?? method;
}

function projected(url: URL, resource: ScimUser): JsonObject {
  const attributes = url.searchParams.get('attributes') ?? undefined;
  const excludedAttributes = url.searchParams.get('excludedAttributes') ?? undefined;
  return projectResource(resource, { attributes, excludedAttributes });
}

async function route(request: Request, method: string, url: URL, path: readonly string[], scope: ScimScope): Promise<Handled> {
  const [resource, id, ...rest] = path;
  const op = operationName(method, path);
  const base = scope.baseUrl;
  const notAllowed = () => new ScimError(405, undefined, `${method} is not allowed on /${path.join('/')}`);
  if (rest.length) throw new ScimError(404, undefined, `/${path.join('/')} does not exist`);

  switch (resource) {
    case 'ServiceProviderConfig':
      if (method !== 'GET' || id) throw notAllowed();
      return { response: json(200, serviceProviderConfig(base)), operation: op };
    case 'ResourceTypes': {
      if (method !== 'GET') throw notAllowed();
      if (!id) return { response: json(200, resourceTypes(base)), operation: op };
      if (id !== 'User') throw new ScimError(404, undefined, `Resource type ${id} is not supported`);
      return { response: json(200, userResourceType(base)), operation: op };
    }
    case 'Schemas': {
      if (method !== 'GET') throw notAllowed();
      if (!id) return { response: json(200, schemaDocuments(base)), operation: op };
      const doc = schemaDocument(base, id);
      if (!doc) throw new ScimError(404, undefined, `Schema ${id} is not supported`);
      return { response: json(200, doc), operation: op };
    }
    case 'Groups':
    case 'Bulk':
    case 'Me':
      // RFC 7644 §3.12: 501 "service provider does not support the request operation".
      throw new ScimError(501, undefined, `${resource} are not supported by this service provider; disable group provisioning`);
    case 'Users':
      return users(request, method, url, id, scope, op);
    default:
      throw new ScimError(404, undefined, `/${path.join('/')} does not exist`);
  }
}

async function users(request: Request, method: string, url: URL, id: string | undefined, scope: ScimScope, operation: string): Promise<Handled> {
  if (!id) {
    if (method === 'GET') {
      const { startIndex, count } = pageParameters({ startIndex: url.searchParams.get('startIndex'), count: url.searchParams.get('count') });
      const { total, resources } = await listScimUsers(scope, { filter: url.searchParams.get('filter'), startIndex, count });
      return { response: json(200, listResponse(resources.map((r) => projected(url, r)), { totalResults: total, startIndex })), operation };
    }
    if (method === 'POST') {
      const created = await createScimUser(scope, await readJson(request));
      return { response: json(201, projected(url, created), { Location: created.meta!.location! }), operation, userId: created.id, userName: created.userName };
    }
    throw new ScimError(405, undefined, `${method} is not allowed on /Users`);
  }
  switch (method) {
    case 'GET': {
      const user = await getScimUser(scope, id);
      return { response: json(200, projected(url, user)), operation, userId: id, userName: user.userName };
    }
    case 'PUT': {
      const user = await replaceScimUser(scope, id, await readJson(request));
      return { response: json(200, projected(url, user)), operation, userId: id, userName: user.userName };
    }
    case 'PATCH': {
      const user = await patchScimUser(scope, id, await readJson(request));
      return { response: json(200, projected(url, user)), operation, userId: id, userName: user.userName };
    }
    case 'DELETE':
      await deleteScimUser(scope, id);
      return { response: json(204, null), operation, userId: id };
    default:
      throw new ScimError(405, undefined, `${method} is not allowed on /Users/${id}`);
  }
}
