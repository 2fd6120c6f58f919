// The control API of the gateway simulator: JSON over HTTP, no authentication, bound to --host.
// Tests and demos use it to look inside the gateway, change the PBX's users, emit events and
// inject faults. It is not part of the gateway protocol.
import http from 'node:http';

const MAX_BODY = 1024 * 1024;

function sendJson(res, status, body) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

const sendError = (res, status, code, message) => sendJson(res, status, { error: { code, message } });

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(Object.assign(new Error('The body is larger than 1 MiB.'), { status: 413 }));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (!text) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(Object.assign(new Error('The body is not valid JSON.'), { status: 400 }));
      }
    });
    req.on('error', reject);
  });
}

/**
 * Start the control server.
 * @param {import('./index.d.mts').GatewaySimulator} sim the simulator's programmatic API
 * @param {{host: string, port: number}} where
 * @returns {Promise<{port: number, close: () => Promise<void>}>}
 */
export async function startControlServer(sim, { host, port }) {
  /** [method, path regexp, handler(params, body) -> [status, body]] */
  const routes = [
    ['GET', /^\/health$/, () => [200, { ok: true }]],
    ['GET', /^\/state$/, () => [200, sim.state()]],
    ['GET', /^\/users$/, () => [200, sim.users()]],
    ['POST', /^\/users$/, (_p, body) => [201, sim.addUser(body)]],
    ['PATCH', /^\/users\/([^/]+)$/, ([id], body) => [200, sim.updateUser(id, body)]],
    ['DELETE', /^\/users\/([^/]+)$/, ([id]) => (sim.removeUser(id), [200, { removed: id }])],
    ['POST', /^\/events$/, (_p, body) => [202, { id: sim.emit(body) }]],
    ['POST', /^\/event-rate$/, (_p, body) => (sim.setEventRate(body.perSecond), [200, { perSecond: body.perSecond }])],
    ['GET', /^\/faults$/, () => [200, sim.state().faults]],
    ['POST', /^\/faults$/, (_p, body) => [200, sim.setFaults(body)]],
    ['GET', /^\/micollab\/presence$/, () => [200, sim.micollabPresence()]],
    ['POST', /^\/restart$/, () => (void sim.restart(), [202, { restarting: true }])],
    ['POST', /^\/flush$/, async () => [200, await sim.flush()]],
    ['POST', /^\/credential\/rotate$/, async () => [200, { rotated: await sim.rotateCredential() }]],
  ];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url || '/', 'http://localhost');
    const pathname = url.pathname.replace(/\/+$/, '') || '/';
    const candidates = routes.filter(([, re]) => re.test(pathname));
    const route = candidates.find(([method]) => method === req.method);
    if (!route) {
      if (candidates.length) return sendError(res, 405, 'method_not_allowed', `${req.method} is not allowed on ${pathname}.`);
      return sendError(res, 404, 'not_found', `No route for ${req.method} ${pathname}.`);
    }
    try {
      const params = route[1].exec(pathname).slice(1).map(decodeURIComponent);
      const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await readJson(req);
      const [status, payload] = await route[2](params, body);
      sendJson(res, status, payload);
    } catch (err) {
      const status = Number.isInteger(err?.status) ? err.status : err instanceof TypeError ? 400 : 500;
      const code = status === 404 ? 'not_found' : status === 409 ? 'conflict' : status === 413 ? 'payload_too_large' : status === 400 ? 'invalid_request' : 'internal_error';
      if (!res.headersSent) sendError(res, status, code, String(err?.message ?? err).replace(/^gateway simulator: /, ''));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
