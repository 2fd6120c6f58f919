import 'server-only';
import { Client, ResponseType, type Context, type Middleware, type MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { graphConfig, GRAPH_HOSTS, type GraphConfig } from './config';
import { errorFromBody, GraphError, unreachable } from './errors';
import { parseJson, withRetries, type RetryOptions } from './retry';
import { tenantThrottle, type Bucket } from './tenant-throttle';
import { appToken, forgetAppToken } from './tokens';
import { headerRecord, UndiciTransport } from './transport';
import { isDelegated, type Principal } from './types';

export interface GraphCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** a path below the version (`/users`) or an absolute @odata.nextLink */
  path: string;
  body?: unknown;
  /** the tenant bucket the request draws from; null for none */
  bucket: Bucket | null;
  /** tokens taken from the bucket: one per inner request of a `$batch` */
  cost?: number;
  retry?: RetryOptions;
}

/** What one request carries through the middleware chain (the client passes it by its class). */
export class CallOptions implements MiddlewareOptions {
  failure: GraphError | null = null;
  constructor(
    readonly principal: Principal,
    readonly call: GraphCall,
  ) {}

  get secrets(): string[] {
    const p = this.principal;
    return isDelegated(p) ? [p.accessToken, p.refreshToken] : [p.clientSecret];
  }
}

function callOf(context: Context): CallOptions {
  const call = context.middlewareControl?.getMiddlewareOptions(CallOptions);
  if (!(call instanceof CallOptions)) throw new Error('a Graph request without CallOptions');
  return call;
}

const urlOf = (context: Context) => (typeof context.request === 'string' ? context.request : context.request.url);

/** The client's own rule: a bearer token only over https, to Graph's hosts or the configured custom ones. */
export function mayCarryToken(url: string, customHosts?: Set<string>): boolean {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  return u.protocol === 'https:' && (GRAPH_HOSTS.has(host) || customHosts?.has(host) === true);
}

/** First in the chain: the principal's token (per tenant), renewed once if Graph says 401. */
class AuthMiddleware implements Middleware {
  private next!: Middleware;
  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const call = callOf(context);
    try {
      const headers = headerRecord(context.options?.headers);
      delete headers.Authorization;
      context.options = { ...context.options, headers };
      if (!mayCarryToken(urlOf(context), context.customHosts)) return await this.next.execute(context);
      const p = call.principal;
      const token = isDelegated(p) ? p.accessToken : (await appToken(p, call.call.retry)).accessToken;
      headers.Authorization = `Bearer ${token}`;
      await this.next.execute(context);
      if (context.response?.status !== 401 || isDelegated(p)) return;
      // A token revoked before its time (a secret rotated, consent withdrawn): one more try with a new one.
      await context.response.text().catch(() => undefined);
      forgetAppToken(p, token);
      headers.Authorization = `Bearer ${(await appToken(p, call.call.retry)).accessToken}`;
      await this.next.execute(context);
    } catch (e) {
      // The client wraps whatever a middleware throws; graphCall unwraps ours from here.
      if (e instanceof GraphError) call.failure = e;
      throw e;
    }
  }
}

/** Second: the tenant's pause and bucket, and the retries (retry.ts), around the transport. */
class ThrottleRetryMiddleware implements Middleware {
  private next!: Middleware;
  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const call = callOf(context);
    const base = context.options;
    context.response = await withRetries(
      async (signal) => {
        context.options = { ...base, signal };
        await this.next.execute(context);
        if (!context.response) throw new Error('no response');
        return context.response;
      },
      { throttle: tenantThrottle(call.principal.tenantId), bucket: call.call.bucket, cost: call.call.cost, retry: call.call.retry, secrets: call.secrets },
    );
  }
}

const clients = new WeakMap<GraphConfig, Client>();

function client(): Client {
  const config = graphConfig();
  let c = clients.get(config);
  if (!c) {
    c = Client.initWithMiddleware({
      baseUrl: `${config.graphUrl}/`,
      customHosts: config.customHosts,
      defaultVersion: 'v1.0',
      middleware: [new AuthMiddleware(), new ThrottleRetryMiddleware(), new UndiciTransport()],
    });
    clients.set(config, c);
  }
  return c;
}

/**
 * One Graph request through the official client and our chain. A 2xx answer is returned with its
 * JSON body; anything else throws a GraphError.
 */
export async function graphCall<T>(principal: Principal, c: GraphCall): Promise<{ status: number; body: T | null }> {
  const call = new CallOptions(principal, c);
  const req = client().api(c.path).middlewareOptions([call]).responseType(ResponseType.RAW);
  let res: Response;
  try {
    if (c.method === 'GET') res = await req.get();
    else if (c.method === 'POST') res = await req.post(c.body ?? {});
    else if (c.method === 'PATCH') res = await req.patch(c.body ?? {});
    else res = await req.delete();
  } catch (e) {
    throw call.failure ?? unreachable(e);
  }
  const json = parseJson(await res.text());
  if (!res.ok) throw errorFromBody(res.status, json, { secrets: call.secrets });
  return { status: res.status, body: json as T | null };
}
