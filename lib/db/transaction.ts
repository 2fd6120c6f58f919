import 'server-only';
import { db, type Tx } from '@/db/client';
import type { Actor } from '@/lib/authz/types';

/** What every command receives: who acts, and optionally an open transaction to join. */
export interface Ctx {
  actor: Actor;
  tx?: Tx;
}

export interface Command<I> {
  ctx: Ctx;
  input: I;
}

/** Runs `fn` in the caller's transaction when there is one, else in a new one, so commands compose. */
export async function withTransaction<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (ctx.tx) return fn(ctx.tx);
  return db().transaction(fn);
}
