import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { withTransaction, type Ctx } from '@/lib/db/transaction';
import { ForbiddenError, ValidationError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { hashPassword, verifyPassword } from './password';
import { ChangePasswordInput } from './schemas';


/**
 * AUTH-7: every signed-in password user may change its own password. Other sessions of the
 * user end; the caller re-issues the current one with the returned session version.
 */
export async function changeOwnPassword(ctx: Ctx, input: unknown): Promise<{ sessionVersion: number }> {
  const parsed = ChangePasswordInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const userId = ctx.actor.userId;
  if (!userId || (ctx.actor.kind !== 'partner' && ctx.actor.kind !== 'accountUser')) throw new ForbiddenError();
  const passwordHash = await hashPassword(parsed.data.password);
  return withTransaction(ctx, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update').limit(1);
    if (!user || user.source === 'oidc') throw new ForbiddenError();
    if (!(await verifyPassword(user.passwordHash, parsed.data.current))) {
      throw new ValidationError({ current: ['errors.currentPasswordWrong'] });
    }
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date(), updatedBy: ctx.actor.name })
      .where(eq(users.id, userId))
      .returning({ sv: users.sessionVersion });
    await recordEvent(tx, ctx, { action: 'Edit', asset: 'Password', assetId: userId, accountId: user.accountId, core: { change: 'passwordChanged' } });
    return { sessionVersion: updated!.sv };
  });
}

/** Ends every session of the signed-in user, on every device. */
export async function signOutEverywhere(ctx: Ctx): Promise<void> {
  const userId = ctx.actor.userId;
  if (!userId) throw new ForbiddenError();
  await withTransaction(ctx, async (tx) => {
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
    await recordEvent(tx, ctx, { action: 'Delete', asset: 'Session', assetId: userId, core: { change: 'signedOutEverywhere' } });
  });
}
