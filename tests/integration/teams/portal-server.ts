import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

/**
 * The portal's machine-to-machine routes on a real port (not a test file), for tests that drive
 * them with the simulators without building the app: the gateway protocol, Graph's notifications
 * and the Microsoft redirects. It listens before anything reads the environment, so APP_URL — the
 * address the portal gives Graph for notifications — is this server. Import it first.
 */
type Handler = (request: Request, path: string[]) => Promise<Response>;

const server = http.createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
process.env.APP_URL = `http://127.0.0.1:${port}`;

const inFlight = new Set<Promise<void>>();
let routes: [RegExp, Handler][] = [];

server.on('request', (req, res) => {
  const url = new URL(req.url ?? '/', process.env.APP_URL);
  const route = routes.find(([re]) => re.test(url.pathname));
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const init: RequestInit & { duplex: 'half' } = {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: req.method === 'POST' ? (Readable.toWeb(req) as ReadableStream) : undefined,
    signal: abort.signal,
    duplex: 'half',
  };
  const match = route[0].exec(url.pathname)!;
  const handled = route[1](new Request(url, init), match.slice(1))
    .then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })
    .catch((e: unknown) => {
      console.error('[portal-server]', e);
      res.destroy();
    })
    .finally(() => inFlight.delete(handled));
  inFlight.add(handled);
});

export const portalUrl = process.env.APP_URL;

/** Loads the route modules (after the environment is set) and serves them. */
export async function servePortalRoutes(): Promise<{ close: () => Promise<void> }> {
  const { handleGatewayRequest } = await import('@/lib/gateway/protocol/router');
  const notifications = await import('@/app/api/graph/notifications/route');
  const lifecycle = await import('@/app/api/graph/lifecycle/route');
  routes = [
    [/^\/api\/gateway\/([^/]+)\/(.+)$/, (r, [version, rest]) => handleGatewayRequest(r.method as Parameters<typeof handleGatewayRequest>[0], r, version!, rest!.split('/'))],
    [/^\/api\/graph\/notifications$/, (r) => notifications.POST(r)],
    [/^\/api\/graph\/lifecycle$/, (r) => lifecycle.POST(r)],
  ];
  return {
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all([...inFlight]);
    },
  };
}
