import 'server-only';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { fetch, type Response } from 'undici';
import { graphConfig } from './config';

type HeaderBag = Record<string, string>;

/** The client hands headers over as a Headers object, an array of pairs, or a plain object. */
export function headerRecord(h: HeadersInit | undefined): HeaderBag {
  const out: HeaderBag = {};
  if (!h) return out;
  if (Array.isArray(h)) for (const [k, v] of h) out[k] = v;
  else if (typeof (h as Headers).forEach === 'function' && typeof (h as Headers).get === 'function') (h as Headers).forEach((v, k) => (out[k] = v));
  else Object.assign(out, h);
  return out;
}

export interface HttpRequest {
  method: string;
  headers: HeaderBag;
  body?: string;
  signal?: AbortSignal;
}

/** Every request of the adapter goes out here: undici's fetch through the configured Agent. */
export function send(url: string, r: HttpRequest): Promise<Response> {
  return fetch(url, { method: r.method, headers: r.headers, body: r.body, signal: r.signal, dispatcher: graphConfig().agent, redirect: 'manual' });
}

/**
 * The end of the client's middleware chain, in place of its HTTPMessageHandler (which would use
 * the global fetch, without our CAs). The body is always a string: the client serialises JSON.
 */
export class UndiciTransport implements Middleware {
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const o = context.options ?? {};
    const body = typeof o.body === 'string' ? o.body : o.body == null ? undefined : String(o.body);
    const res = await send(url, { method: o.method ?? 'GET', headers: headerRecord(o.headers), body, signal: o.signal ?? undefined });
    // undici's Response is the one Node's global fetch returns; only the type declarations differ.
    context.response = res as unknown as globalThis.Response;
  }
}
