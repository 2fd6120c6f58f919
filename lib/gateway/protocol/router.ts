import 'server-only';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { announce, claimStatus } from './announce';
import { authenticateGateway } from './authenticate';
import { pollCommands, postResult } from './commands';
import { ProtocolError, protocolErrorResponse, SUPPORTED_VERSIONS } from './errors';
import { ingestEvents } from './ingest-events';
import { rotateCredential } from './rotate-credential';

type Method = 'GET' | 'POST';

/**
 * The gateway protocol's one entry (app/api/gateway/[version]/[...path]/route.ts): the version
 * first, then the route; every refusal is a protocol error, never an HTML page.
 */
export async function handleGatewayRequest(method: Method, request: Request, version: string, path: string[]): Promise<Response> {
  try {
    if (!(SUPPORTED_VERSIONS as readonly string[]).includes(version)) {
      throw new ProtocolError(400, 'unsupported_version', `Protocol version "${version.slice(0, 20)}" is not supported.`, { supported: SUPPORTED_VERSIONS });
    }
    const route = path.join('/');
    if (method === 'POST' && route === 'announce') return await announce(request);
    if (method === 'POST' && route === 'claim-status') return await claimStatus(request);
    const known = ['credential/rotate', 'commands', 'events'].includes(route) || /^commands\/[^/]+\/result$/.test(route);
    if (!known) throw new ProtocolError(404, 'not_found', 'No such route in the gateway protocol.');
    const gateway = await authenticateGateway(request);
    if (method === 'GET' && route === 'commands') return await pollCommands(request, gateway);
    if (method === 'POST' && route === 'events') return await ingestEvents(request, gateway);
    if (method === 'POST' && route === 'credential/rotate') return await rotateCredential(gateway);
    if (method === 'POST' && path[0] === 'commands' && path[2] === 'result') return await postResult(request, gateway, path[1]!);
    throw new ProtocolError(405, 'method_not_allowed', `${method} is not allowed here.`);
  } catch (e) {
    if (e instanceof ProtocolError) return protocolErrorResponse(e);
    if (isDatabaseUnavailable(e)) return Response.json({ error: { code: 'unavailable', message: 'The portal is briefly unavailable; retry.' } }, { status: 503, headers: { 'retry-after': '5' } });
    console.error('[gateway]', e);
    return Response.json({ error: { code: 'internal', message: 'The portal could not handle the request; retry.' } }, { status: 500 });
  }
}
