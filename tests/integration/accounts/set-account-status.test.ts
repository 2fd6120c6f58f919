import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { accounts, type Account } from '@/db/schema';
import { setAccountStatus } from '@/lib/accounts/set-account-status';
import { loadSignedInUser } from '@/lib/auth/load-actor';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { actorFor, DEMO_PASSWORD, EMAIL, seedTenants, userByEmail } from '../helpers';
import { eventCount, eventsFor, lastEventFor } from './fixtures';

let contoso: Account;
let fabrikam: Account;
let globex: Account;
let otherPartnerEmail: string;

beforeAll(async () => {
  ({ contoso, fabrikam, globex, otherPartnerEmail } = await seedTenants());
});

const setStatus = async (email: string, accountId: string, status: string) => setAccountStatus({ ctx: { actor: await actorFor(email) }, input: { accountId, status } });
const reload = async (id: string) => (await db().select().from(accounts).where(eq(accounts.id, id)))[0]!;

/** What the app does on every request of an open session: re-load the user with the session's version. */
async function sessionStands(email: string): Promise<boolean> {
  const user = await userByEmail(email);
  return (await loadSignedInUser(db(), user.id, user.sessionVersion)) !== null;
}

describe('setAccountStatus (ACC-4)', () => {
  it('deactivates an account: open sessions end and sign-in answers "deactivated"', async () => {
    expect(await sessionStands(EMAIL.alice)).toBe(true);
    const openSession = await userByEmail(EMAIL.alice);
    await setStatus(EMAIL.partner, contoso.id, 'deactivated');
    expect(await loadSignedInUser(db(), openSession.id, openSession.sessionVersion)).toBeNull();

    const row = await reload(contoso.id);
    expect(row.status).toBe('deactivated');
    expect(row.deactivatedAt).toBeInstanceOf(Date);
    for (const email of [EMAIL.alice, EMAIL.uma]) {
      expect(await sessionStands(email)).toBe(false);
      expect(await verifyCredentials({ email, password: DEMO_PASSWORD }, 'ip-deactivated')).toEqual({ ok: false, reason: 'deactivated' });
    }
    // Other accounts and the partner are unaffected.
    expect(await sessionStands(EMAIL.bram)).toBe(true);
    expect((await userByEmail(EMAIL.bram)).sessionVersion).toBe(1);
    expect(await sessionStands(EMAIL.partner)).toBe(true);

    const event = await lastEventFor(contoso.id);
    expect(event).toMatchObject({ action: 'Edit', asset: 'Account', accountId: contoso.id, actorName: 'Pat Partner', properties: ['status'], tags: ['deactivated'] });
    expect(event?.coreDetails).toMatchObject({ before: { status: 'active' }, after: { status: 'deactivated' } });
  });

  it('records nothing when the account already has the status', async () => {
    const before = await eventCount();
    await setStatus(EMAIL.partner, contoso.id, 'deactivated');
    expect(await eventCount()).toBe(before);
  });

  it('reactivates an account: its users sign in again, but sessions from before the deactivation stay ended', async () => {
    await setStatus(EMAIL.partner, contoso.id, 'active');
    const alice = await userByEmail(EMAIL.alice);
    expect(await loadSignedInUser(db(), alice.id, alice.sessionVersion - 1)).toBeNull();
    expect(await reload(contoso.id)).toMatchObject({ status: 'active', deactivatedAt: null });
    expect(await sessionStands(EMAIL.alice)).toBe(true);
    expect(await verifyCredentials({ email: EMAIL.alice, password: DEMO_PASSWORD }, 'ip-reactivated')).toMatchObject({ ok: true, userId: alice.id });
    expect(await lastEventFor(contoso.id)).toMatchObject({ properties: ['status'], tags: ['reactivated'] });
  });

  it('refuses account admins, even on their own account (Forbidden)', async () => {
    await expect(setStatus(EMAIL.alice, contoso.id, 'deactivated')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setStatus(EMAIL.uma, contoso.id, 'deactivated')).rejects.toBeInstanceOf(ForbiddenError);
    expect((await reload(contoso.id)).status).toBe('active');
  });

  it("answers NotFound across partner organisations and leaves the account as it was", async () => {
    const before = await eventCount();
    await expect(setStatus(EMAIL.partner, globex.id, 'deactivated')).rejects.toBeInstanceOf(NotFoundError);
    await expect(setStatus(otherPartnerEmail, fabrikam.id, 'deactivated')).rejects.toBeInstanceOf(NotFoundError);
    expect((await reload(globex.id)).status).toBe('active');
    expect((await reload(fabrikam.id)).status).toBe('active');
    expect(await eventCount()).toBe(before);
  });

  it("rejects any status but active and deactivated (deletion has its own command)", async () => {
    await expect(setStatus(EMAIL.partner, fabrikam.id, 'deleting')).rejects.toBeInstanceOf(ValidationError);
    expect((await reload(fabrikam.id)).status).toBe('active');
    expect(await eventsFor(fabrikam.id, 'Edit')).toEqual([]);
  });
});
