import { databaseAnswers } from '@/lib/db/health-probe';

export const dynamic = 'force-dynamic';

/**
 * Liveness and readiness in one: 200 when this process can query its database, 503 when it
 * cannot (a load balancer takes the process out; the error page tells people to wait). Public,
 * and says nothing but up or down.
 */
export async function GET(): Promise<Response> {
  if (await databaseAnswers()) return Response.json({ status: 'ok', database: 'up' }, { headers: { 'Cache-Control': 'no-store' } });
  return Response.json({ status: 'unavailable', database: 'down' }, { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '5' } });
}
