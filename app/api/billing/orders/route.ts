import { db } from '@/db/client';
import { authenticateApiKey } from '@/lib/billing/api-keys';
import { ValidationError } from '@/lib/errors';
import { translator } from '@/lib/i18n/translator';
import { ingestOrder } from '@/lib/orders/ingest-order';
import { orderStatus, todayUtc } from '@/lib/orders/status';

// The billing system is a machine: its answers are in English, each message with its key.
const t = translator('en');
const MAX_BODY = 64 * 1024;

function problem(status: number, error: string, fieldErrors?: Record<string, string[]>) {
  const fields = fieldErrors && Object.fromEntries(Object.entries(fieldErrors).map(([f, keys]) => [f, keys.map((key) => ({ error: key, message: t(key) }))]));
  return Response.json({ error, message: t(error), ...(fields ? { fieldErrors: fields } : {}) }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * ORD-1 ingestion API: the billing system adds or updates one order per request, authenticated by
 * a partner organisation's API key (`Authorization: Bearer mab_…`, managed under Settings → API
 * keys). Outside the session proxy by design. 201 for a new order, 200 for a known one (updated
 * or unchanged); 400 with field errors; 401 for a missing, unknown or revoked key.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const key = await authenticateApiKey(db(), request.headers.get('authorization'));
    if (!key) return problem(401, 'orders.api.errors.unauthenticated');
    if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) return problem(415, 'orders.api.errors.contentType');
    const text = await request.text();
    if (text.length > MAX_BODY) return problem(413, 'orders.api.errors.tooLarge');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return problem(400, 'orders.api.errors.json');
    }
    const { order, outcome } = await ingestOrder({ partnerOrgId: key.partnerOrgId, keyName: key.keyName, input: body });
    return Response.json(
      { id: order.id, sapOrderId: order.sapOrderId, outcome, status: orderStatus(order, todayUtc()), accountId: order.accountId },
      { status: outcome === 'created' ? 201 : 200, headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (e) {
    if (e instanceof ValidationError) return problem(400, 'errors.validation', e.fieldErrors);
    console.error('[billing api]', e);
    return problem(500, 'errors.unexpected');
  }
}
