/**
 * The small local load balancer of `npm run topology`: round robin over the web processes that
 * answer, a health check of each every second (GET /api/health; only a connection failure takes
 * a process out: a 503 "database down" is the same for all of them), and failover: a request
 * whose upstream refuses the connection is sent to the next one. Bodies are buffered (up to the
 * import limit) so that a refused request can be sent again unchanged. It stands in for nginx,
 * HAProxy or a cloud load balancer, which do the same with more care.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  name: string;
  port: number;
  healthy: boolean;
}

const MAX_BODY = 25 * 1024 * 1024;
const HEALTH_EVERY_MS = 1_000;

function check(upstream: Upstream): Promise<void> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: upstream.port, path: '/api/health', timeout: 2_000 }, (res) => {
      res.resume();
      upstream.healthy = true;
      resolve();
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      upstream.healthy = false;
      resolve();
    });
  });
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startReverseProxy(port: number, upstreams: Upstream[]): Promise<{ port: number; stop: () => Promise<void> }> {
  let next = 0;
  const pick = (tried: Set<Upstream>): Upstream | undefined => {
    for (let i = 0; i < upstreams.length; i++) {
      const candidate = upstreams[(next + i) % upstreams.length]!;
      if (candidate.healthy && !tried.has(candidate)) {
        next = (next + i + 1) % upstreams.length;
        return candidate;
      }
    }
    return undefined;
  };

  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    if (body === null) return void res.writeHead(413).end('Request body too large');
    const tried = new Set<Upstream>();
    const forward = () => {
      const upstream = pick(tried);
      if (!upstream) {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        return void res.end('No web process is answering.');
      }
      tried.add(upstream);
      const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '', 'x-forwarded-proto': 'http', 'x-forwarded-host': req.headers.host ?? '' };
      const upstreamReq = http.request({ host: '127.0.0.1', port: upstream.port, method: req.method, path: req.url, headers, agent: false }, (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, { ...upstreamRes.headers, 'x-upstream': upstream.name });
        upstreamRes.pipe(res);
      });
      upstreamReq.on('error', (e: NodeJS.ErrnoException) => {
        // Refused: this process is gone and never saw the request, so the next one gets it. Cut
        // before any answer: retried only when repeating it is harmless (as nginx does).
        const idempotent = req.method === 'GET' || req.method === 'HEAD';
        if (!res.headersSent && (e.code === 'ECONNREFUSED' || (e.code === 'ECONNRESET' && idempotent))) {
          upstream.healthy = false;
          return forward();
        }
        res.destroy(e);
      });
      upstreamReq.end(body);
    };
    forward();
  });

  await Promise.all(upstreams.map(check));
  const timer = setInterval(() => void Promise.all(upstreams.map(check)), HEALTH_EVERY_MS);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise((resolve) => {
        clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
