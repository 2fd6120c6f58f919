import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { handleGatewayRequest } from '@/lib/gateway/protocol/router';

/**
 * The gateway protocol's route handler on a real port (not a test file): what
 * app/api/gateway/[version]/[...path]/route.ts does inside Next, for tests that drive it with the
 * gateway simulator or plain fetch without building the app.
 */
export async function serveGatewayProtocol(): Promise<{ url: string; close: () => Promise<void> }> {
  const inFlight = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/api\/gateway\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!match || (req.method !== 'GET' && req.method !== 'POST')) {
      res.writeHead(404).end();
      return;
    }
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    // Node's fetch needs `duplex` for a streamed body; the DOM typings do not know it.
    const init: RequestInit & { duplex: 'half' } = {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === 'POST' ? (Readable.toWeb(req) as ReadableStream) : undefined,
      signal: abort.signal,
      duplex: 'half',
    };
    const request = new Request(url, init);
    const handled = handleGatewayRequest(req.method, request, match[1]!, match[2]!.split('/'))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => {
        res.destroy();
      })
      .finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    // Waits for the handlers still running (a long-poll ends when its client goes), so none
    // touches the database after the test file has closed it.
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all([...inFlight]);
    },
  };
}
