// The gateway's side of docs/gateway-protocol.md (v1): JSON over HTTP(S) to
// <portal>/api/gateway/v1, every request dialled out by the gateway. node:http/https with its
// own keep-alive agent, so close() really leaves no sockets behind.
import http from 'node:http';
import https from 'node:https';

export const PROTOCOL_VERSION = 'v1';

/** @typedef {{status: number, body: any, headers: import('node:http').IncomingHttpHeaders}} PortalResponse */

export const isAbort = (err) => err?.name === 'AbortError' || err?.code === 'ABORT_ERR';

/** Sleep that an AbortSignal cuts short (resolves, never rejects). */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Exponential backoff with jitter: 250 ms, 500 ms, 1 s ... capped. */
export function backoffMs(attempt, capMs = 10_000) {
  const base = Math.min(capMs, 250 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Milliseconds a 429/503 asks us to wait (retry-after in seconds or as a date), else null. */
export function retryAfterMs(res) {
  const h = res?.headers?.['retry-after'];
  if (!h) return null;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(String(h));
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** The portal's error code of an answer, if it sent one. */
export const errorCode = (res) => res?.body?.error?.code ?? null;

/**
 * @param {{portal: string, userAgent?: string}} options
 */
export function createPortalClient({ portal, userAgent = 'cloudlink-gateway-simulator' }) {
  const base = new URL(`${String(portal).replace(/\/+$/, '')}/api/gateway/${PROTOCOL_VERSION}/`);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`portal must be an http(s) URL: ${portal}`);
  const lib = base.protocol === 'https:' ? https : http;
  const agent = new lib.Agent({ keepAlive: true, maxSockets: 4 });

  /**
   * One request. Resolves with any HTTP answer; rejects on network errors, timeouts and aborts.
   * @returns {Promise<PortalResponse>}
   */
  function request(method, path, { token, body, signal, timeoutMs = 30_000, onSent } = {}) {
    return new Promise((resolve, reject) => {
      const url = new URL(path, base);
      const payload = body === undefined ? null : Buffer.from(JSON.stringify(body), 'utf8');
      const headers = { accept: 'application/json', 'user-agent': userAgent };
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(payload.length);
      }
      if (token) headers.authorization = `Bearer ${token}`;
      const req = lib.request(url, { method, headers, agent, signal, timeout: timeoutMs }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, body: json, headers: res.headers });
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`${method} ${url.pathname} timed out`), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      if (onSent) req.on('finish', onSent);
      req.end(payload ?? undefined);
    });
  }

  return {
    baseUrl: base.href,
    request,
    /** POST /announce (201 new, 200 updated). */
    announce: (announcement, pollToken, signal) => request('POST', 'announce', { body: announcement, token: pollToken, signal }),
    /** POST /claim-status with the poll token. */
    claimStatus: (pollToken, signal) => request('POST', 'claim-status', { body: {}, token: pollToken, signal }),
    /** GET /commands?wait=N, the long-poll (timeout: the wait plus 15 s); onSent once the request is on the wire. */
    commands: (credential, wait, signal, onSent) =>
      request('GET', `commands?wait=${wait}`, { token: credential, signal, timeoutMs: (wait + 15) * 1000, onSent }),
    /** POST /commands/<id>/result. */
    postResult: (credential, id, outcome, signal) =>
      request('POST', `commands/${encodeURIComponent(id)}/result`, { body: outcome, token: credential, signal, timeoutMs: 60_000 }),
    /** POST /events with 1-500 events. */
    postEvents: (credential, events, signal) => request('POST', 'events', { body: { events }, token: credential, signal }),
    /** POST /credential/rotate. */
    rotateCredential: (credential, signal) => request('POST', 'credential/rotate', { body: {}, token: credential, signal }),
    /** Drop every socket (idle or not). */
    close: () => agent.destroy(),
  };
}
