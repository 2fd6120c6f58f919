import 'server-only';
import { and, eq } from 'drizzle-orm';
import { cache } from 'react';
import { db, type DbOrTx } from '@/db/client';
import { accountIntegrations, accounts } from '@/db/schema';
import { accountScope } from '@/lib/accounts/scope';
import type { Actor } from '@/lib/authz/types';
import type { IntegrationPresence } from './integration-sections';

/**
 * The integrations of an account in the actor's scope, only as far as the shell needs them (which
 * sections to offer). One query; an account out of scope simply has none.
 */
export async function integrationPresence(q: DbOrTx, actor: Actor, accountId: string): Promise<IntegrationPresence[]> {
  return q
    .select({ integrationId: accountIntegrations.integrationId, setupDone: accountIntegrations.setupDone })
    .from(accountIntegrations)
    .innerJoin(accounts, eq(accounts.id, accountIntegrations.accountId))
    .where(and(eq(accountIntegrations.accountId, accountId), accountScope(actor)));
}

/**
 * The same, read once per request: an account admin's request needs it in the portal layout (left
 * navigation) and again in the account layout (tabs). Both pass the actor of the request's cached
 * `currentUser()`, so the arguments are identical and React's `cache` hits.
 */
export const requestIntegrationPresence = cache((actor: Actor, accountId: string) => integrationPresence(db(), actor, accountId));
