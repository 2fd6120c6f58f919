import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { ValidationError, validationFromZod } from '@/lib/errors';
import { recordEvent } from '@/lib/events/record-event';
import { hashPassword } from './password';
import { SetPasswordInput } from './schemas';
import { selfActor } from './system-actor';
import { consumeToken, type TokenPurpose } from './tokens';


/**
 * Sets a password through a welcome link (AUTH-3, registers the user) or a reset link (AUTH-4).
 * The link is used up in the same transaction; every open session of the user ends.
 */
export async function setPasswordWithToken(purpose: TokenPurpose, input: unknown): Promise<{ email: string }> {
  const parsed = SetPasswordInput.safeParse(input);
  if (!parsed.success) throw validationFromZod(parsed.error);
  const { token, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db().transaction(async (tx) => {
    const check = await consumeToken(tx, token, purpose);
    if (!check.ok) throw new ValidationError({ token: [`errors.link.${check.problem}`] }, `errors.link.${check.problem}`);
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        registeredAt: purpose === 'welcome' ? sql`coalesce(${users.registeredAt}, now())` : users.registeredAt,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, check.userId))
      .returning();
    const ctx = { actor: selfActor(user!) };
    await recordEvent(tx, ctx, {
      action: 'Edit',
      asset: purpose === 'welcome' ? 'User' : 'Password',
      assetId: user!.id,
      core: { change: purpose === 'welcome' ? 'registered' : 'passwordReset' },
    });
    return { email: user!.email };
  });
}
