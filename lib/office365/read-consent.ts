import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { o365Consents } from '@/db/schema';
import { getAccountInScope } from '@/lib/accounts/scope';
import { canConfigureIntegrations } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { ForbiddenError } from '@/lib/errors';
import { office365App } from './consent-link';

export interface O365ConsentView {
  /** False when this portal has no Azure app for Office 365 (O365_CLIENT_ID unset). */
  available: boolean;
  state: 'succeeded' | 'failed' | 'unknown' | null;
  tenantId: string | null;
  detail: string | null;
  decidedAt: string | null;
}

/** O365-1 dialog: the account's consent as last answered. */
export async function readO365Consent(actor: Actor, accountId: string): Promise<O365ConsentView> {
  if (!canConfigureIntegrations(actor)) throw new ForbiddenError();
  const account = await getAccountInScope(db(), actor, accountId);
  const [row] = await db().select().from(o365Consents).where(eq(o365Consents.accountId, account.id));
  return {
    available: office365App() !== null,
    state: row?.state ?? null,
    tenantId: row?.tenantId ?? null,
    detail: row?.detail ?? null,
    decidedAt: row?.decidedAt.toISOString() ?? null,
  };
}
