/**
 * The child process of tests/bench/jackson-scim.ts: BoxyHQ Jackson's Directory Sync (SCIM) served
 * the way Jackson's own Next.js route `pages/api/scim/v2.0/[...directory].ts` serves it — the path
 * split into directory id, resource type and id, the bearer token as `apiSecret`, the JSON body,
 * `count`/`startIndex`/`filter` from the query, then `directorySyncController.requests.handle`,
 * its `{ status, data }` written back as JSON — on a plain node:http server (keep-alive), so the
 * figures are Jackson's SCIM handling and its SQL store, not a Next.js server's.
 *
 * Jackson is loaded from JACKSON_DIR (installed there on demand, never a dependency of the
 * portal), with its PostgreSQL engine on JACKSON_DB_URL (a throwaway database: Jackson creates its
 * tables there, TypeORM `synchronize`), anonymous analytics off, and one directory of type
 * azure-scim-v2 (Entra ID) created at start. Directory Sync events (user.created, user.updated)
 * go to a callback that drops them: no webhook is configured, as none would be for this
 * comparison (with one, Jackson posts each event to it as well).
 *
 * Prints one line of JSON on stdout when it listens — `{"baseUrl": "…/Users's parent", "token",
 * "version"}` — or `{"error": "…"}` and exits 1. Everything else goes to stderr. Exits when its
 * standard input closes (its parent went away) or on SIGTERM.
 */
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage } from 'node:http';
import path from 'node:path';

/** The few parts of Jackson's API used here (its types live in JACKSON_DIR, outside the project). */
interface DirectorySyncRequest {
  method: string;
  body: unknown;
  directoryId: string;
  resourceType: string;
  resourceId: string | undefined;
  apiSecret: string | null;
  query: { count?: number; startIndex?: number; filter?: string };
}
interface Directory {
  id: string;
  scim: { path: string; secret: string };
}
interface Jackson {
  directorySyncController: {
    directories: { create(params: { name: string; tenant: string; product: string; type: string }): Promise<{ data: Directory | null; error: { message: string } | null }> };
    requests: { handle(request: DirectorySyncRequest, callback?: (event: unknown) => Promise<void>): Promise<{ status: number; data?: unknown }> };
  };
  close(): Promise<void>;
}
type Controllers = (opts: Record<string, unknown>) => Promise<Jackson>;

const dir = process.env.JACKSON_DIR;
const dbUrl = process.env.JACKSON_DB_URL;
const port = Number(process.env.JACKSON_PORT ?? 0);
const host = '127.0.0.1';

function ready(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const intOrUndefined = (v: string | null) => (v === null || v === '' ? undefined : Number.parseInt(v, 10));

async function main(): Promise<void> {
  if (!dir || !dbUrl) throw new Error('JACKSON_DIR and JACKSON_DB_URL must be set');
  const require = createRequire(path.join(path.resolve(dir), 'noop.js'));
  const { version } = require('@boxyhq/saml-jackson/package.json') as { version: string };
  const { controllers } = require('@boxyhq/saml-jackson') as { controllers: Controllers };

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const origin = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  const scimPath = '/api/scim/v2.0';

  const quiet = (level: string) => (msg: string, err?: unknown) => process.stderr.write(`[jackson ${level}] ${msg}${err ? ` ${String(err)}` : ''}\n`);
  const jackson = await controllers({
    externalUrl: origin,
    samlPath: '/api/oauth/saml',
    scimPath,
    db: { engine: 'sql', type: 'postgres', url: dbUrl },
    noAnalytics: true,
    logger: { info: quiet('info'), warn: quiet('warn'), error: quiet('error') },
  });
  const dsync = jackson.directorySyncController;
  const { data: directory, error } = await dsync.directories.create({ name: 'SCIM bench', tenant: 'bench', product: 'portal-bench', type: 'azure-scim-v2' });
  if (!directory) throw new Error(`creating the directory failed: ${error?.message ?? 'no directory returned'}`);
  const dropEvent = async () => undefined;

  const route = new RegExp(`^${scimPath.replace(/\./g, '\\.')}/([^/]+)/(Users|Groups)(?:/([^/]+))?/?$`);
  server.on('request', (req, res) => {
    const send = (status: number, data: unknown) => {
      const text = data === undefined ? '' : JSON.stringify(data);
      res.writeHead(status, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const match = route.exec(url.pathname);
      if (!match) return send(404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'no such path' });
      const text = await readBody(req);
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return send(400, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidSyntax', detail: 'the body is not JSON' });
      }
      const auth = req.headers.authorization ?? '';
      const { status, data } = await dsync.requests.handle(
        {
          method: req.method ?? 'GET',
          body,
          directoryId: decodeURIComponent(match[1]!),
          resourceType: match[2] === 'Users' ? 'users' : 'groups',
          resourceId: match[3] ? decodeURIComponent(match[3]) : undefined,
          apiSecret: auth.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : null,
          query: { count: intOrUndefined(url.searchParams.get('count')), startIndex: intOrUndefined(url.searchParams.get('startIndex')), filter: url.searchParams.get('filter') ?? undefined },
        },
        dropEvent,
      );
      send(status, data);
    })().catch((e: unknown) => {
      process.stderr.write(`[jackson-scim-server] ${req.method} ${req.url}: ${String(e)}\n`);
      if (!res.headersSent) send(500, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: String(e) });
      else res.destroy();
    });
  });

  const stop = async () => {
    server.closeAllConnections();
    server.close();
    await jackson.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.resume();

  ready({ baseUrl: `${origin}${scimPath}/${directory.id}`, token: directory.scim.secret, version });
}

main().catch((e: unknown) => {
  ready({ error: e instanceof Error ? e.message : String(e) });
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
