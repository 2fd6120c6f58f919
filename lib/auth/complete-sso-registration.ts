import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { ForbiddenError, ValidationError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { ssoSignInFor } from '@/lib/sso/sign-in-method';
import { selfActor } from './system-actor';
import { consumeToken } from './tokens';

const Input = z.object({ token: z.string().min(1).max(200) });

/**
 * AUTH-3 for a user whose account signs in through SAML only: the welcome link registers the user
 * without a password ("all users, even SSO users, must complete the welcome e-mail", seed 4030);
 * the next step is the IdP. Users who may have a password take the set-password form instead.
 */
export async function completeSsoRegistration(input: unknown): Promise<{ email: string; loginUrl: string }> {
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  return db().transaction(async (tx) => {
    const check = await consumeToken(tx, parsed.data.token, 'welcome');
    if (!check.ok) throw new ValidationError({ token: [`errors.link.${check.problem}`] }, `errors.link.${check.problem}`);
    const [current] = await tx.select({ email: users.email }).from(users).where(eq(users.id, check.userId));
    const sso = current ? await ssoSignInFor(tx, current.email) : null;
    if (!sso || sso.passwordAllowed) throw new ForbiddenError('sso.errors.passwordRegistration');
    const [user] = await tx
      .update(users)
      .set({ registeredAt: sql`coalesce(${users.registeredAt}, now())`, updatedAt: new Date() })
      .where(eq(users.id, check.userId))
      .returning();
    await recordEvent(tx, { actor: selfActor(user!) }, { action: 'Edit', asset: 'User', assetId: user!.id, core: { change: 'registered', via: 'sso' } });
    return { email: user!.email, loginUrl: `/api/sso/${sso.accountId}/login?login_hint=${encodeURIComponent(user!.email)}` };
  });
}
