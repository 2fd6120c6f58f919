import 'server-only';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { samlRequests } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import type { TestResult } from './consume-response';

/** The outcome of a Test connection round trip, for an admin who may configure that account. */
export async function readTestResult(actor: Actor, requestId: string): Promise<{ accountId: string; result: TestResult | null }> {
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const [row] = await db()
    .select({ accountId: samlRequests.accountId, result: samlRequests.result })
    .from(samlRequests)
    .where(and(eq(samlRequests.id, requestId.slice(0, 200)), eq(samlRequests.purpose, 'test')))
    .limit(1);
  if (!row) throw new NotFoundError();
  await getAccountInScope(db(), actor, row.accountId);
  return { accountId: row.accountId, result: (row.result as TestResult | null) ?? null };
}
