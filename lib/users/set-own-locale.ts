import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { withTransaction, type Ctx } from '@/lib/db/transaction';
import { ValidationError } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { isLocale } from '@/lib/i18n/config';

/** SHELL-6: a signed-in user's language choice, kept on the user so it follows them everywhere. */
export async function setOwnLocale(ctx: Ctx, locale: string): Promise<void> {
  if (!isLocale(locale)) throw new ValidationError({ locale: ['errors.invalid'] });
  const userId = ctx.actor.userId;
  if (!userId) return;
  await withTransaction(ctx, async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).limit(1);
    if (before?.locale === locale) return;
    await tx.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordEvent(tx, ctx, { action: 'Edit', asset: 'User', assetId: userId, before: { locale: before?.locale ?? null }, after: { locale } });
  });
}
