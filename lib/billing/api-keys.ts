import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { partnerApiKeys, type PartnerApiKey } from '@/db/schema';
import { can } from '@/lib/authz';
import type { Actor } from '@/lib/authz/types';
import { withTransaction, type Command } from '@/lib/db/transaction';
import { ForbiddenError, NotFoundError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { CreateKeyForm } from './schemas';

const KEY_PREFIX = 'mab_';
/** Characters of the key shown in lists to tell keys apart ("mab_" and 8 more). */
const SHOWN = 12;

/** SHA-256 of the key: it has 256 random bits, so a slow hash adds nothing; only this is stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Who manages the billing system's keys: a partner admin of the whole organisation (not an
 * account manager) whose role may see orders (seed 2.14.12: Orders is partner only).
 */
export function canManageApiKeys(actor: Actor): actor is Actor & { partnerOrgId: string; userId: string } {
  return actor.kind === 'partner' && actor.managedAccountIds === null && !!actor.partnerOrgId && !!actor.userId && can(actor, 'orders', 'view');
}

export type ApiKeyView = Pick<PartnerApiKey, 'id' | 'name' | 'prefix' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>;

export async function listApiKeys(q: DbOrTx, actor: Actor): Promise<ApiKeyView[]> {
  if (!canManageApiKeys(actor)) throw new ForbiddenError();
  return q
    .select({ id: partnerApiKeys.id, name: partnerApiKeys.name, prefix: partnerApiKeys.prefix, createdAt: partnerApiKeys.createdAt, lastUsedAt: partnerApiKeys.lastUsedAt, revokedAt: partnerApiKeys.revokedAt })
    .from(partnerApiKeys)
    .where(eq(partnerApiKeys.partnerOrgId, actor.partnerOrgId))
    .orderBy(desc(partnerApiKeys.createdAt));
}


/** Creates a key; its value is returned this once and never again (only its hash is kept). */
export async function createApiKey({ ctx, input }: Command<unknown>): Promise<{ id: string; key: string }> {
  const parsed = CreateKeyForm.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const actor = ctx.actor;
  if (!canManageApiKeys(actor)) throw new ForbiddenError();
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .insert(partnerApiKeys)
      .values({ partnerOrgId: actor.partnerOrgId, name: parsed.data.name, prefix: key.slice(0, SHOWN), secretHash: hashApiKey(key), createdBy: actor.userId })
      .returning({ id: partnerApiKeys.id });
    await recordEvent(tx, ctx, { action: 'Create', asset: 'ApiKey', assetId: row!.id, partnerOrgId: actor.partnerOrgId, after: { name: parsed.data.name, prefix: key.slice(0, SHOWN) } });
    return { id: row!.id, key };
  });
}

/** Revokes a key of the organisation: the billing system's next call with it gets 401. */
export async function revokeApiKey({ ctx, input }: Command<unknown>): Promise<null> {
  const parsed = z.object({ keyId: z.uuid() }).safeParse(input);
  if (!parsed.success) throw new NotFoundError();
  const actor = ctx.actor;
  if (!canManageApiKeys(actor)) throw new ForbiddenError();
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .update(partnerApiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(partnerApiKeys.id, parsed.data.keyId), eq(partnerApiKeys.partnerOrgId, actor.partnerOrgId), isNull(partnerApiKeys.revokedAt)))
      .returning({ id: partnerApiKeys.id, name: partnerApiKeys.name });
    if (!row) throw new NotFoundError();
    await recordEvent(tx, ctx, { action: 'Delete', asset: 'ApiKey', assetId: row.id, partnerOrgId: actor.partnerOrgId, before: { name: row.name } });
    return null;
  });
}

/**
 * The organisation an `Authorization: Bearer <key>` header speaks for, or null for a missing,
 * unknown or revoked key. Looked up by hash; marks the key as used.
 */
export async function authenticateApiKey(q: DbOrTx, authorization: string | null): Promise<{ partnerOrgId: string; keyName: string } | null> {
  const match = /^Bearer\s+(mab_[A-Za-z0-9_-]{43})\s*$/.exec(authorization ?? '');
  if (!match) return null;
  const [row] = await q
    .update(partnerApiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(partnerApiKeys.secretHash, hashApiKey(match[1]!)), isNull(partnerApiKeys.revokedAt)))
    .returning({ partnerOrgId: partnerApiKeys.partnerOrgId, keyName: partnerApiKeys.name });
  return row ?? null;
}
