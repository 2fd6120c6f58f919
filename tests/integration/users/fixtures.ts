import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { accounts, events, userExtensions, users, type NewUser, type User } from '@/db/schema';
import { baseRoleId } from '../helpers';

/** Fixtures for the users tests (not a test file itself). */
export async function addUser(accountId: string, values: Partial<NewUser> & { email: string }, extensions: string[] = []): Promise<User> {
  const [account] = await db().select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  const [user] = await db()
    .insert(users)
    .values({
      partnerOrgId: account!.partnerOrgId,
      accountId,
      displayName: values.email.split('@')[0]!,
      firstName: 'Test',
      lastName: values.email.split('@')[0]!,
      roleId: await baseRoleId('user'),
      ...(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as typeof values),
    })
    .returning();
  if (extensions.length) await db().insert(userExtensions).values(extensions.map((extension) => ({ accountId, extension, userId: user!.id })));
  return user!;
}

export async function userById(id: string): Promise<User | undefined> {
  const [user] = await db().select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

export async function eventsOf(assetId: string) {
  return db().select().from(events).where(eq(events.assetId, assetId)).orderBy(events.seq);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the promise to reject');
    },
    (e: unknown) => e,
  );
}
