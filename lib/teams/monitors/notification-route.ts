import 'server-only';
import { boss } from '@/lib/jobs/boss';
import { NotificationsBody, receiveChangeNotifications, receiveLifecycleNotifications, validationExpected } from './graph-notifications';

/** Graph posts at most a few hundred notifications at a time; anything bigger is not Graph. */
const BODY_LIMIT = 1024 * 1024;

async function readJson(request: Request): Promise<unknown> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > BODY_LIMIT) return null;
  const text = await request.text();
  if (text.length > BODY_LIMIT) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function handshake(request: Request): Promise<Response | null> {
  const token = new URL(request.url).searchParams.get('validationToken');
  if (token === null) return null;
  if (token.length > 1024 || !(await validationExpected())) {
    console.warn(JSON.stringify({ event: 'graph.validation.refused', reason: token.length > 1024 ? 'tooLong' : 'unexpected' }));
    return new Response('Unexpected validation request.', { status: 400, headers: { 'content-type': 'text/plain' } });
  }
  return new Response(token, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * TEAMS-4 `/api/graph/notifications` and `/api/graph/lifecycle`: the validation handshake (200
 * text/plain echo), then notifications authenticated by subscription and clientState. 202 when
 * anything was accepted, 400 when nothing was (a forged or stale delivery).
 */
export async function handleGraphPost(request: Request, kind: 'change' | 'lifecycle'): Promise<Response> {
  const shake = await handshake(request);
  if (shake) return shake;
  const parsed = NotificationsBody.safeParse(await readJson(request));
  if (!parsed.success) return Response.json({ error: 'invalid_request' }, { status: 400 });
  if (kind === 'change') {
    const r = await receiveChangeNotifications(parsed.data.value);
    return new Response(null, { status: r.accepted > 0 ? 202 : 400 });
  }
  const r = await receiveLifecycleNotifications(parsed.data.value);
  if (r.accounts.length) {
    const b = await boss();
    for (const accountId of r.accounts) await b.send('teams-subscriptions', { accountId }, { singletonKey: accountId });
  }
  return new Response(null, { status: r.accepted > 0 ? 202 : 400 });
}
