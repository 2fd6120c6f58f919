// Programmatic API of the local SMTP simulator (MAIL-2).
// A real SMTP server (smtp-server package) that captures every message in
// memory, plus a small HTTP JSON API to inspect them. See README.md.
import http from 'node:http';
import { SMTPServer } from 'smtp-server';
import { parseMessage } from './mime.mjs';

const MAX_MESSAGES = 5000;

function hostForUrl(host) {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (err) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

/** Lower-cased addresses a message was sent to (envelope + To/Cc headers). */
function recipientsOf(message) {
  return new Set(
    [...message.to, ...message.headerTo.map((a) => a.address), ...message.headerCc.map((a) => a.address)]
      .map((a) => a.toLowerCase()),
  );
}

/** Public (JSON) view of a stored message: everything but the raw source. */
function publicView(message) {
  const { raw: _raw, ...rest } = message;
  return rest;
}

function sendJson(res, status, body) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
  });
  res.end(payload);
}

/**
 * Start an SMTP server plus its HTTP inspection API.
 * @param {{host?: string, smtpPort?: number, httpPort?: number, onMessage?: (m: object) => void}} [options]
 */
export async function startSmtpSimulator({ host = '127.0.0.1', smtpPort = 0, httpPort = 0, onMessage } = {}) {
  /** @type {Array<object>} newest last */
  let store = [];
  let nextId = 1;

  const filtered = (to) => {
    const wanted = to ? to.trim().toLowerCase() : '';
    const list = wanted ? store.filter((m) => recipientsOf(m).has(wanted)) : store;
    return list.map(publicView);
  };

  const smtp = new SMTPServer({
    name: 'smtp-simulator.local',
    banner: 'uc-partner-portal SMTP simulator',
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username || 'anonymous' });
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        try {
          const raw = Buffer.concat(chunks);
          const parsed = parseMessage(raw);
          const receivedAt = new Date().toISOString();
          const message = {
            id: String(nextId++),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject,
            text: parsed.text,
            html: parsed.html,
            date: parsed.date ?? receivedAt,
            receivedAt,
            messageId: parsed.messageId,
            headerFrom: parsed.from,
            headerTo: parsed.to,
            headerCc: parsed.cc,
            headers: parsed.headers,
            size: raw.length,
            raw,
          };
          store.push(message);
          if (store.length > MAX_MESSAGES) store = store.slice(-MAX_MESSAGES);
          if (onMessage) {
            try {
              onMessage(publicView(message));
            } catch (err) {
              console.error('[smtp-simulator] onMessage handler failed:', err);
            }
          }
          callback(null, `Message ${message.id} captured`);
        } catch (err) {
          callback(err instanceof Error ? err : new Error(String(err)));
        }
      });
    },
  });

  let started = false;
  smtp.on('error', (err) => {
    // Per-connection errors (client resets etc.) must not crash the simulator.
    if (started) console.error('[smtp-simulator] SMTP error:', err.message);
  });

  const api = http.createServer((req, res) => {
    const url = new URL(req.url || '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const rawMatch = /^\/messages\/([^/]+)\/raw$/.exec(path);
    const oneMatch = /^\/messages\/([^/]+)$/.exec(path);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, DELETE' });
      return res.end();
    }
    if (path === '/health' && req.method === 'GET') return sendJson(res, 200, { ok: true });
    if (path === '/messages' && req.method === 'GET') return sendJson(res, 200, filtered(url.searchParams.get('to')));
    if (path === '/messages' && req.method === 'DELETE') {
      store = [];
      return sendJson(res, 200, { ok: true });
    }
    if (rawMatch && req.method === 'GET') {
      const message = store.find((m) => m.id === decodeURIComponent(rawMatch[1]));
      if (!message) return sendJson(res, 404, { error: 'message not found' });
      res.writeHead(200, { 'content-type': 'message/rfc822', 'content-length': message.raw.length, 'cache-control': 'no-store' });
      return res.end(message.raw);
    }
    if (oneMatch && req.method === 'GET') {
      const message = store.find((m) => m.id === decodeURIComponent(oneMatch[1]));
      return message ? sendJson(res, 200, publicView(message)) : sendJson(res, 404, { error: 'message not found' });
    }
    return sendJson(res, 404, { error: `no route for ${req.method} ${path}` });
  });

  let actualSmtpPort;
  let actualHttpPort;
  try {
    actualSmtpPort = await listen(smtp.server, smtpPort, host);
    actualHttpPort = await listen(api, httpPort, host);
  } catch (err) {
    await new Promise((resolve) => smtp.close(resolve));
    if (api.listening) await new Promise((resolve) => api.close(() => resolve()));
    throw err;
  }
  started = true;

  let stopping = null;
  const stop = () => {
    stopping ??= Promise.all([
      new Promise((resolve) => smtp.close(() => resolve())),
      new Promise((resolve) => {
        api.close(() => resolve());
        api.closeAllConnections();
      }),
    ]).then(() => undefined);
    return stopping;
  };

  const urlHost = hostForUrl(host);
  return {
    host,
    smtpPort: actualSmtpPort,
    httpPort: actualHttpPort,
    url: `smtp://${urlHost}:${actualSmtpPort}`,
    apiUrl: `http://${urlHost}:${actualHttpPort}`,
    messages: (filter) => filtered(filter?.to),
    raw: (id) => store.find((m) => m.id === id)?.raw.toString('utf8'),
    clear: () => {
      store = [];
    },
    stop,
  };
}
