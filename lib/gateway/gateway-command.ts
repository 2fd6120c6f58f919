import 'server-only';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import type { Gateway } from '@/db/schema';
import type { Actor } from '@/lib/authz/types';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, validationFromZod } from '@/lib/errors';
import { loadAccountGateway, requireGateway, type AccountGateway } from './scope';

/**
 * The shape every wizard step on a linked gateway shares (GW-2): parse, check the permission, then
 * in one transaction the account in scope, its integration and its gateway locked for update.
 */
export async function onAccountGateway<S extends z.ZodType<{ accountId: string }>, T>(
  { ctx, input }: Command<unknown>,
  schema: S,
  allowed: (actor: Actor) => boolean,
  step: (tx: Tx, found: AccountGateway & { gateway: Gateway }, data: z.infer<S>) => Promise<T>,
): Promise<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  if (!allowed(ctx.actor)) throw new ForbiddenError();
  return withTransaction(ctx, async (tx) => {
    const found = await loadAccountGateway(tx, ctx.actor, parsed.data.accountId, { lock: true });
    return step(tx, { ...found, gateway: requireGateway(found) }, parsed.data);
  });
}
