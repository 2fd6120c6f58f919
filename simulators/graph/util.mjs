// Small helpers shared by the Microsoft Graph emulator's modules: clocks, bodies, answers, errors.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const MAX_BODY = 4 * 1024 * 1024;

/** Milliseconds since the epoch with sub-millisecond precision. */
export const preciseNow = () => performance.timeOrigin + performance.now();

export const uuid = () => randomUUID();
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** An error the routers turn into an answer: `status` and a Graph/JSON `body`. */
export class HttpError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** A Graph error answer `{error:{code,message,innerError}}`. */
export function graphError(status, code, message, headers = {}) {
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return { status, headers, body: { error: { code, message, innerError: { date, 'request-id': uuid(), 'client-request-id': uuid() } } } };
}

/** Control API failure (thrown by control methods, answered by the control server). */
export function controlError(status, message) {
  const error = new HttpError(status, message, { error: status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'bad_request', message });
  return error;
}

export function safeEqual(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parse a JSON text; undefined for an empty one; throws HttpError 400 when malformed. */
export function parseJson(text, make400 = (m) => new HttpError(400, m)) {
  if (!text || !text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw make400('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

export const GRAPH_JSON = 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';

/** Write a `{status, headers, body}` result; no body → empty answer without Content-Type. */
export function sendResult(res, result) {
  const headers = { ...(result.headers ?? {}) };
  let payload = '';
  if (result.body !== undefined && result.body !== null) {
    if (typeof result.body === 'string') payload = result.body;
    else {
      payload = JSON.stringify(result.body);
      headers['content-type'] ??= GRAPH_JSON;
    }
  }
  headers['content-length'] = Buffer.byteLength(payload);
  res.writeHead(result.status, headers);
  res.end(payload);
}

export function sendJson(res, status, body, headers = {}) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

export function sendHtml(res, status, html, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

export function redirect(res, location) {
  res.writeHead(302, { location, 'cache-control': 'no-store', 'content-length': 0 });
  res.end();
}

/** Append query parameters to a URL in the given order. */
export function withQuery(base, params) {
  const url = new URL(base);
  for (const [k, v] of params) if (v !== undefined && v !== null) url.searchParams.append(k, v);
  return url.href;
}

/** ISO 8601 duration (PnDTnHnMnS) → milliseconds, or null when malformed. */
export function parseDuration(value) {
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(value));
  if (!m || (!m[1] && !m[2] && !m[3] && !m[4]) || /T$/.test(String(value))) return null;
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0));
  return (((d * 24 + h) * 60 + min) * 60 + s) * 1000;
}

/** A bounded FIFO: pushing beyond `capacity` drops the oldest entries. */
export class Ring {
  constructor(capacity) {
    this.capacity = capacity;
    this.items = new Array(capacity);
    this.start = 0;
    this.size = 0;
  }
  push(item) {
    if (this.size < this.capacity) this.items[(this.start + this.size++) % this.capacity] = item;
    else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }
  *[Symbol.iterator]() {
    for (let i = 0; i < this.size; i++) yield this.items[(this.start + i) % this.capacity];
  }
  clear() {
    this.items = new Array(this.capacity);
    this.start = 0;
    this.size = 0;
  }
}

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
