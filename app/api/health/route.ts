import { sql } from 'drizzle-orm';
import { db } from '@/db/client';

export const dynamic = 'force-dynamic';

/** How long the database may take to answer before it counts as unreachable. */
const TIMEOUT_MS = 2_000;

/**
 * Liveness and readiness in one: 200 when this process can query its database, 503 when it
 * cannot (a load balancer takes the process out; the error page tells people to wait). Public,
 * and says nothing but up or down.
 */
export async function GET(): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS)));
  try {
    await Promise.race([db().execute(sql`select 1`), timeout]);
    return Response.json({ status: 'ok', database: 'up' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return Response.json({ status: 'unavailable', database: 'down' }, { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '5' } });
  } finally {
    clearTimeout(timer);
  }
}
